"""Hand-written lists behind client_intelligence/redaction/names.py: common given names of the
markets the notes come from (with the Latin transliterations used for Russian and Arabic
names), common surnames of Chinese and Korean, the phrases that introduce a person in the 12
languages, and words that look like names but are not (brands, places, calendar words).

Given names that are also everyday words or brands in the notes (Rose, Jade, Ambre, Avril,
Mai, Florence, Céline, Chloé, Tiffany, Valentino, Mercedes ...) are left out on purpose.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def words(block: str) -> list[str]:
    """The whitespace-separated words of a block of text."""
    return block.split()


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents ("Solène" -> "solene", "Андрей" -> "андреи"). Cached: the
    name finder folds the same few thousand words of every note (a third of its time)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_GIVEN = """
marie anne sophie claire camille julie isabelle catherine nathalie sylvie christine valerie
helene caroline juliette charlotte louise manon lea emma chloe ines sarah laura pauline lucie
margaux agathe mathilde clemence capucine solene apolline eleonore victoire diane alice elise
aurelie beatrice brigitte chantal colette danielle delphine dominique elodie emilie estelle
eva fanny genevieve gabrielle josephine laetitia lucienne madeleine marion martine mireille
monique nadine odile oceane patricia sandrine severine simone stephanie therese veronique
virginie yvonne zoe adele alix anais berenice blanche constance emmanuelle eugenie flavie
hortense jeanne leonie margot marguerite noemie ophelie romane salome segolene sixtine
jean pierre louis paul jacques michel philippe alain bernard francois nicolas olivier thierry
laurent eric christophe frederic stephane sebastien guillaume antoine julien maxime thomas
alexandre arnaud benoit bertrand charles clement damien didier edouard emmanuel etienne
fabrice gerard gilles gregoire henri hugo jerome luc lucas marc mathieu matthieu patrice
pascal raphael remi rene romain serge theo tristan victor xavier yves baptiste gauthier
augustin ambroise aymeric hippolyte leopold
maelle heloise nina elsa romy mila lou alicia louna lola anaelle maeva gaelle soizic
benedetta henrike
james john robert michael william david richard joseph charles thomas christopher daniel
matthew anthony andrew joshua kevin brian george edward ronald timothy jason jeffrey ryan
jacob gary eric stephen jonathan justin scott brandon benjamin samuel gregory alexander
patrick jack dennis jerry tyler aaron henry douglas peter nathan zachary kyle noah ethan
jeremy christian hunter oliver harry oscar alfie archie freddie theodore arthur rupert
hugh giles toby felix sebastian jasper rory callum connor liam declan niall ciaran
mary jennifer linda elizabeth barbara susan jessica karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon
cynthia kathleen amy angela shirley anna brenda pamela nicole samantha katherine christine
helen debra rachel carolyn janet maria heather diane julie joyce evelyn joan kelly christina
lauren olivia sophia isabella mia abigail madison harriet imogen philippa arabella
georgina henrietta eleanor beatrix cordelia rosalind penelope gwendolyn felicity tabitha
poppy lucy emma hannah jessica amelia isla ava freya phoebe niamh siobhan aoife fiona
giulia francesca chiara sara martina giorgia alessandra federica valentina elena silvia
paola roberta cristina monica simona barbara laura elisa beatrice ginevra ludovica
alessia aurora camilla bianca carlotta cecilia costanza ilaria lucrezia matilde noemi
ottavia rebecca serena vittoria marco giuseppe giovanni antonio francesco alessandro luca
andrea matteo lorenzo stefano roberto paolo riccardo davide simone federico filippo
gabriele leonardo massimo nicola pietro raffaele salvatore tommaso vincenzo edoardo
emanuele enrico fabio giacomo guido jacopo ludovico mattia niccolo ottavio umberto
carmen lucia pilar dolores mercedes rosa isabel ana teresa cristina marta elena raquel
beatriz silvia patricia rocio montserrat nuria alba ainhoa begona blanca consuelo
esperanza inmaculada irene lorena macarena marisol miren paloma soledad yolanda ximena
jose manuel francisco javier jesus carlos miguel rafael pedro angel alejandro fernando
sergio pablo jorge alberto diego adrian alvaro ignacio inigo gonzalo borja rodrigo
santiago joaquin enrique emilio esteban jaime ramon xavier
ursula ingrid heike sabine petra monika claudia susanne andrea stefanie katrin birgit
gabriele brigitte renate helga gisela anja nicole julia lena leonie hannah johanna
katharina charlotte franziska friederike annika svenja wiebke greta frieda mathilda
klaus jurgen wolfgang dieter helmut uwe manfred gunter horst rolf werner bernd thomas
stefan andreas michael markus matthias martin frank jens torsten sven lars jan jonas
lukas leon felix maximilian moritz niklas tobias florian sebastian philipp christoph
fritz hans heinrich karl kurt ludwig otto wilhelm johannes friedrich konrad
maria ana joana ines beatriz mariana catarina leonor sofia rita teresa filipa margarida
carolina francisca madalena matilde raquel fernanda adriana juliana larissa leticia
luciana renata tatiana vanessa gabriela isadora luiza helena aline bruna camila
joao jose antonio manuel francisco pedro paulo luis tiago rui nuno duarte goncalo
afonso rodrigo bernardo diogo andre ricardo fernando marcelo gustavo rafael vinicius
thiago eduardo leonardo henrique felipe gabriel mateus caio otavio
anouk anke annelies bregje danique eline femke fleur ilse inge janneke jolien lieke
lotte maaike marieke mieke noor roos sanne saskia tessa wendy willemijn yvette
bram daan jeroen joost koen maarten niels pieter rutger sander sjoerd stijn thijs
wouter bas job gijs hendrik jelle joris lucas luuk ruben sem teun
mohammed mohamed muhammad mohammad ahmed ahmad ali omar umar khalid khaled hassan hasan
hussein husain youssef yousef yusuf ibrahim abdullah abdallah abdulaziz abdulrahman faisal
saud sultan hamad hamdan rashid rashed saeed said nasser tariq karim fahad mansour majid
salem zayed hazza mubarak issa fatima fatma aisha aicha mariam maryam noura nora latifa
hessa layla leila amira yasmin yasmina huda reem dana lina salma maha mona noor hind
shamma maitha moza mouza alia aaliya nouf jawaher lulwa rawda dalal ghada haya hala
rania samira nadia zainab zeinab
anastasia ekaterina ekaterina yekaterina olga natalia natalya tatiana tatyana irina
svetlana yulia julia daria darya ksenia kseniya vasilisa vera nadezhda lyudmila galina
marina evgenia alena alyona kristina valeria elizaveta alexandra veronika polina sofia
dmitri dmitry sergei sergey alexei alexey aleksei ivan mikhail nikolai nikolay vladimir
pavel igor oleg maxim maksim boris yuri yury konstantin andrei andrey artem nikita
kirill denis roman viktor grigory fyodor pyotr ilya anton egor timur ruslan vadim
stanislav yaroslav leonid arkady vyacheslav
wei fang min jing li ming hui ying lei jun hong yan xiaoming xiaoyan mei ling
hiroshi takeshi kenji yuki yuko haruka sakura yui aoi hina rin mei akiko keiko naoko
tomoko yoko kazuko michiko emi mika nanami misaki ayumi kaori megumi shota ren haruto
sota yuto daiki kenta takumi ryo taro ichiro
minji jiwoo seoyeon jisoo yuna hyejin eunji soyeon jiyeon minjun seojun dohyun jihoon
hyunwoo junho minho jaehyun seungmin sungmin
"""

_CYRILLIC = """
анна мария елена ольга наталья наталия татьяна ирина светлана екатерина анастасия юлия
дарья ксения алина виктория полина софья софия василиса вера надежда людмила галина
марина евгения алёна кристина валерия елизавета александра вероника ульяна милана арина
злата маргарита таисия варвара ангелина диана жанна лариса любовь нина тамара инна
александр алексей андрей сергей дмитрий иван михаил николай владимир павел евгений игорь
олег максим артём никита кирилл денис роман юрий виктор константин борис григорий фёдор
пётр илья антон егор тимур руслан вадим станислав ярослав леонид аркадий вячеслав
георгий глеб даниил лев матвей семён тимофей эдуард геннадий валерий анатолий
"""

_ARABIC = """
محمد أحمد احمد علي عمر خالد حسن حسين يوسف إبراهيم ابراهيم عبدالله عبدالعزيز عبدالرحمن عبد
فيصل سعود سلطان حمد حمدان راشد سعيد ناصر طارق كريم فهد منصور ماجد سالم زايد هزاع مبارك
عيسى مصطفى محمود ياسر وليد نواف تركي بندر مشعل سلمان
فاطمة عائشة مريم نورة لطيفة حصة سارة ليلى أميرة اميرة ياسمين هدى ريم دانة لينا سلمى مها
منى نور هند شيخة موزة جواهر العنود لولوة روضة شما ميثاء علياء نوف دلال غادة هيا هالة
رانيا سميرة نادية زينب أمل امل رشا شيماء خديجة آمنة
"""

GIVEN_NAMES: frozenset[str] = frozenset(fold(name) for name in words(_GIVEN + _CYRILLIC))
ARABIC_GIVEN_NAMES: frozenset[str] = frozenset(words(_ARABIC))

CHINESE_SURNAMES: tuple[str, ...] = (
    *"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤欧常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝顾",
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
)

KOREAN_SURNAMES: tuple[str, ...] = (
    *"김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채"
    "원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부",
    "황보",
    "남궁",
    "제갈",
    "선우",
    "독고",
)

# Hangul and kanji words that open a note or stand before a visit word but are not names.
KOREAN_NOT_NAMES: frozenset[str] = frozenset(
    words(
        """
        오늘 오전 오후 오늘은 오늘도 오랜만 이번 이번주 이번에 이전
        지난 지난주 지난번 정기 정기적 신규 신상 고객 고객님 방문
        방문객 전화 전화로 전화상 문의 한국 한번 최근 최종 조만간
        강남 주말 주말에 주문 구매 구매자 민감 진주 진열 금요일
        금색 옥색 하루 하이 마음 유럽 유명 서울 선물 선호
        성향 안내 안부 연말 연락 예약 예산 기념일 기존 기념
        명품 남편 노트 차량 추천 설날 공방 현재 현장 우리
        우선 배우자 백화점 심플 허리 나중 도착 소개 소장 위해
        표현 황금 인기 인사 제품 제작 모델 국내 어제 은색
        편안 용도 경우 봉투 사모님 부인 부부 왕관 매장 매장에
        재방문 첫 첫방문 부모 부모님 가족 남자 여자 친구 지인
        동반 직접 전화통화 상담 통화 내방 반지 목걸이 귀걸이 시계
        팔찌 가방 고가 고급 장기 단골 기타 모친 부친 아들
        딸 손녀 손자 신혼 신부 신랑 결혼 약혼 생일 생일에
        생신 연휴 명절 추석 어머니 아버지 어머 어머님 아버님 사모
        남편분 마지막 처음 다시 계속 조용 조금 정말 주요 주로
        주변 안쪽 남녀 여름 겨울 봄 가을 이미
        """
    )
)

JAPANESE_NOT_NAMES: tuple[str, ...] = tuple(
    words(
        """
    本日 今日 昨日 先日 明日 午前 午後 今朝 夕方 先週 今週 来週 先月 今月 来月 週末 夫婦 顧客 家族
    奥様 主人 夫妻 母娘 親子 同伴 電話 再来店 初来店 初回 前回 次回 定期 予約 店頭 担当 新規 常連
    来店 面談 歓談 試着 予定 興味 連絡 相談 商談 食事 会食 来訪 一緒 披露目 土砂降り
    馬上 周末 周一 周二 周三 周四 周五 周六 周日 万元 高级 金色 白金 黄金 方面 许多 于是 何时 同事
    陆续 程度 江南 明天 全家 向客户 常客 温柔 安静 齐全 华丽 包包 时间 时候 明年 明星 和朋友 和家人
    """
    )
)

PARTICLES: frozenset[str] = frozenset(
    words("de du des d' la le van von der den ter di da del della do dos das bin ibn al el zu y")
)

# Folded words (and word pairs) that are never part of a name: brands and houses whose first
# word is a given name, places, calendar words, and the placeholders of earlier patterns.
NOT_NAME_WORDS: frozenset[str] = frozenset(
    fold(word)
    for word in words(
        """
    name email phone address postcode iban card dob passport national_id
    dior vuitton armani gaultier herrera choo louboutin
    kors burch cartier hermes chanel arpels cleef bulgari bvlgari tiffany
    rolex patek audemars piguet vacheron jaeger lecoultre chaumet boucheron
    graff winston messika repossi pomellato buccellati chopard piaget breguet
    omega lange sohne gucci prada fendi celine givenchy balenciaga loewe valentino versace
    moschino cavalli ferragamo zegna brioni hilfiger
    paris london milan milano rome roma madrid barcelona berlin munich munchen amsterdam
    dubai doha riyadh moscow moskva tokyo kyoto osaka seoul shanghai beijing geneva geneve
    zurich monaco cannes nice lyon lisbon lisboa porto vienna wien york angeles francisco
    hong kong abu dhabi saint sainte st tropez monte carlo las vegas tel aviv buenos aires
    rio janeiro sao mayfair chelsea kensington knightsbridge manhattan brooklyn
    christmas noel easter paques ramadan eid diwali hanukkah valentine
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche january february march april june july august september
    october november december janvier fevrier avril juin juillet aout septembre octobre
    novembre decembre
    vip rdv crm ok tbc asap
    frau herr dr mr mrs ms mme madame monsieur mlle signora signor sig señora senora señor senor
    sr sra senhora senhor dona don mevrouw meneer dhr mevr prof miss sir lady sheikh sheikha
    """
    )
) | frozenset(
    {
        "new york",
        "los angeles",
        "san francisco",
        "saint laurent",
        "van cleef",
        "yves saint",
        "black friday",
        "boxing day",
        "mother's day",
        "father's day",
        "fete des meres",
    }
)


def _alternation(phrases: str) -> str:
    items = sorted({fold(item.strip()) for item in phrases.split("|") if item.strip()}, key=len)
    return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in reversed(items))


# Phrases that put a person's name right after them (folded; matched at the end of the text
# before a candidate, on a word boundary).
_TRIGGER_PHRASES = """
with|w/|met|saw|seen|call with|call from|called|phoned|spoke to|spoke with|talked to|
meeting with|mtg w/|mtg with|lunch with|dinner with|coffee with|visit from|visited by|
appointment with|appt with|client|customer|for client|rang|emailed|texted|
avec|appel de|appel|appel avec|vu|vue|rencontre|rencontree|rencontre avec|rdv|rdv avec|
visite de|passage de|recu|recue|dejeuner avec|diner avec|client|cliente|telephone a|
con|incontrato|incontrata|incontro con|chiamata di|chiamata con|telefonata con|
telefonata di|visita di|visto|vista|appuntamento con|sentito|sentita|
llamada de|llamada con|visita de|vi a|reunion con|cita con|hable con|comida con|
mit|treffen mit|termin mit|anruf von|besuch von|gesprach mit|telefonat mit|getroffen|
met|gesprek met|afspraak met|telefoontje van|belletje van|mail van|
bezoek van|telefoon van|gebeld door|gezien|gesproken met|
com|ligacao de|chamada de|reuniao com|encontro com|almoco com|vi|falei com|
с|со|от|звонок от|встреча с|визит|звонила|звонил|видела|видел|разговор с|обед с|ужин с
"""
TRIGGER_PATTERN = re.compile(r"(?:^|[^\w/])(?:" + _alternation(_TRIGGER_PHRASES) + r")\s+$")
TRIGGERS: dict[str, re.Pattern[str]] = {"*": TRIGGER_PATTERN}

# Verb phrases that follow a name opening a sentence ("Anna Petrova came in this morning").
_VISIT_PHRASES = """
came in|came by|came to|come in|passed by|popped in|popped by|dropped by|dropped in|
stopped by|stopped in|visited|called|phoned|rang|was in|was here|is interested|wants|
asked|bought|purchased|collected|picked up|returned|booked|emailed|
today|this morning|yesterday|
est passe|est passee|passee|passe|est venu|est venue|venue|venu|a appele|a telephone|
repassee|repasse|est repassee|est repasse|est revenue|revenue|revenu|
souhaite|cherche|veut|a achete|est revenue|est revenu|
e passata|e passato|passata|passato|e tornata|e tornato|tornata|tornato|
e venuta|e venuto|ha chiamato|vuole|cerca|ha comprato|
paso|vino|llamo|quiere|busca|compro|ha venido|ha pasado|volvio|hoy|
kam|rief an|hat angerufen|mochte|sucht|kaufte|war heute|heute|gestern|
kwam|belde|wil|zoekt|kocht|is langs geweest|vanochtend|vandaag|gisteren|langs|
passou|veio|ligou|quer|procura|comprou|esteve na|voltou|
зашла|зашел|заходила|заходил|пришла|пришел|приходила|приходил|звонила|звонил|хочет|ищет|
купила|купил|была в|был в|сегодня|вчера
"""
_VISIT = re.compile(r",?\s+(?:" + _alternation(_VISIT_PHRASES) + r")(?!\w)")
VISIT_VERBS: dict[str, re.Pattern[str]] = {"*": _VISIT}
