"""Hand-written phrase banks for the SYNTHETIC demo notes, one bank per language.

Written the way client advisors write after a meeting (clipped, abbreviated, mixing English
product words into other languages), not derived from the lexicon: many phrases say a concept
in words the lexicon does not hold, which is what makes the concept coverage and the lexicon
candidates measured on the demo notes mean something. Everything here is invented.

Each role is a block of lines. A line is `text | concept_id,concept_id` (the concepts the phrase
plants, as a person reading it would tag it) or a bare text (plants nothing). Slots:
`{p}` a product filler, `{name}` an invented name, `{phone}`, `{email}`, `{address}`.

Roles: open (an opening line), named (an opening with a name), intent, occasion, frame (a
sentence with a product slot), product (everyday products), high (high-end products), taste
(preferences, constraints, lifestyle), negative (complaints, hesitation, competitors, leaving),
positive, action (next steps), small_talk (no concept at all), phone, email, address (frames
for the identifiers).
"""

from __future__ import annotations

BANKS: dict[str, dict[str, str]] = {
    "fr": {
        "open": """
            Mme passée ce matin
            M. repassé en fin de journée
            Cliente vue en boutique
            Appel rapide
            Tél. avec la cliente
            Rdv 15h
            De passage, 20 min à peine
            Passage éclair avant son train
            Visio avec la cliente
            Revenu comme prévu
        """,
        "named": """
            {name} passée ce matin
            Rdv avec {name}
            Vu {name} en boutique
            Appel de {name}
            {name} repassée avec son mari
        """,
        "intent": """
            cherche un cadeau | gift
            envie de se faire plaisir | self_purchase
            un petit truc pour elle, rien que pour elle | self_purchase
            prête à acheter | ready_to_buy
            décidée, revient signer samedi | ready_to_buy
            regarde juste, pas pressée | browsing
            veut remplacer son vieux portefeuille tout abîmé | replacement,wallet
            a fait une liste d'envies | wishlist
            voudrait une pièce faite pour lui | special_order
            idée cadeau pour sa mère | gift_for_parent
            qqch pour sa meilleure amie | gift_for_friend
            cadeaux clients de fin d'année pour sa boîte | corporate_gift
            complète sa collection de montres | collection_completion,watch
        """,
        "occasion": """
            cherche un cadeau pour les 50 ans de son mari | milestone_birthday,gift_for_partner
            anniv de sa femme le mois prochain | birthday,gift_for_partner
            sa fille se marie en juin | wedding,gift_for_child
            20 ans de mariage bientôt | wedding_anniversary
            son fils vient de se fiancer | engagement,gift_for_child
            va être grand-mère en mars | baby_birth,gift_for_grandchild
            pense déjà aux fêtes de fin d'année | christmas
            pot de départ d'un associé qui s'arrête | retirement,corporate_gift
            vient d'être nommée associée | promotion
            pendaison de crémaillère samedi | housewarming
            sa fille a eu son master | graduation,gift_for_child
            pour la Saint-Valentin | valentines_day
            voyage de noces à Bali | honeymoon
        """,
        "frame": """
            intéressée par {p}
            a essayé {p}
            on a regardé {p} ensemble
            a flashé sur {p}
            veut voir {p} en vrai
            hésite sur la taille pour {p}
        """,
        "product": """
            le cabas | tote
            un petit sac du soir | clutch
            un porte-monnaie compact | wallet
            un porte-cartes | cardholder
            la ceinture réversible | belt
            les baskets blanches | sneakers
            le carré en soie | scarf,silk
            le nouveau parfum | fragrance
            un trench | coat
            les solaires | sunglasses
            le tote en toile | tote,canvas
            le nouveau crossbody | crossbody_bag
            une paire de boots | boots
            un gros pull | knitwear
            le sac à dos en cuir | backpack,leather
        """,
        "high": """
            une montre automatique | watch
            une rivière de diamants | necklace,diamond
            une bague de fiançailles | engagement_ring
            la malle de voyage | trunk
            un sac en croco | handbag,exotic_leather
            la pièce haute joaillerie de la vitrine | high_jewelry
            le jonc or jaune | bracelet,metal_yellow_gold
            les puces en perles | earrings,pearls
            une série limitée numérotée | limited_edition
            une tenue couture pour le gala | couture
        """,
        "taste": """
            adore le cuir cognac | cognac_leather
            que du noir, rien de voyant | colour_black
            style très classique | style_classic
            allergique au nickel | nickel_allergy
            vegan, pas de cuir animal | vegan
            monte à cheval le week-end | equestrian
            joue au golf tous les dimanches | golf
            collectionne l'art contemporain | art_collecting
            a un voilier à La Trinité | sailing
            deux enfants en bas âge | family_children
            a un teckel adorable | pet_owner
            toujours entre deux avions pour le boulot | business_travel
            préfère l'or rose | metal_rose_gold
            chausse du 38 | size_preference
            ne supporte pas les parfums forts | fragrance_sensitivity
            aime les pièces discrètes, pas de logo | logo_discreet
        """,
        "negative": """
            pas contente du SAV | complaint
            déçue par la réparation | disappointed,repair
            hésite encore, doit réfléchir | hesitation
            commande tjs pas arrivée | delivery_delay
            la couture se découd déjà | quality_issue
            a vu moins cher chez un concurrent | competitor_mention
            trouve ça hors de prix | price_objection
            répond de moins en moins | lost_interest
            veut rendre le sac | refund_request,handbag
            agacée par l'attente | frustrated
            déménage à Lisbonne en septembre | relocation
            part s'installer à l'étranger | relocation
            va voir ailleurs en ce moment | considering_competitor
        """,
        "positive": """
            ravie de son dernier achat | very_satisfied
            fidèle depuis des années | loyal_client
            très enthousiaste | excited
            a remercié pour l'accueil | service_praise
        """,
        "action": """
            rappeler asap | call_back
            la rappeler jeudi | call_back
            envoyer photos par WhatsApp | send_photos
            caler un rdv la semaine pro | book_appointment
            proposer un salon privé | private_viewing
            mettre de côté jusqu'à samedi | reserve_item
            envoyer le catalogue | send_catalogue
            inviter au cocktail de la collection | invite_event
            retouches à prévoir | alteration
            livraison à domicile | home_delivery
            paquet cadeau svp | wrap_gift
            vérifier le stock à Cannes | check_availability
            petit mot de remerciement à envoyer | thank_you_note
        """,
        "small_talk": """
            parlé de son week-end à Biarritz
            on a parlé météo
            discuté du match de rugby
            la rentrée approche, elle est débordée
            bouchons terribles sur le périph
            a refait sa cuisine
            il pleuvait des cordes
            café offert, bonne ambiance
        """,
        "phone": """
            tél. {phone}
            son portable : {phone}
            joignable au {phone}
        """,
        "email": """
            mail : {email}
            envoyer le devis à {email}
        """,
        "address": """
            livraison au {address}
            nouvelle adresse : {address}
        """,
    },
    "en": {
        "open": """
            Client popped in this morning
            Quick call
            Mtg at the boutique
            Walk-in, 15 min
            Came back as promised
            FaceTime w/ client
            Dropped by after lunch
            Saw her at the store today
            Short visit before her flight
        """,
        "named": """
            {name} came in this morning
            Mtg w/ {name}
            Call with {name}
            {name} dropped by with her sister
            Saw {name} at the store
        """,
        "intent": """
            looking for a present | gift
            wants to treat herself | self_purchase
            something just for him this time | self_purchase
            ready to buy | ready_to_buy
            decided, coming back Sat to pay | ready_to_buy
            just browsing, no rush | browsing
            wants to replace her old wallet, falling apart | replacement,wallet
            has a little wish list | wishlist
            asked for a one-off piece made for him | special_order
            gift idea for her mum | gift_for_parent
            something for his best friend | gift_for_friend
            year-end presents for his firm's clients | corporate_gift
            completing his watch collection | collection_completion,watch
        """,
        "occasion": """
            looking for a gift for her husband's 50th | milestone_birthday,gift_for_partner
            wife's bday next month | birthday,gift_for_partner
            daughter getting married in June | wedding,gift_for_child
            20 years married soon | wedding_anniversary
            son just got engaged | engagement,gift_for_child
            first grandchild due in March | baby_birth,gift_for_grandchild
            already thinking about the holidays | christmas
            partner at the firm stepping down, leaving do | retirement,corporate_gift
            just made partner | promotion
            housewarming on Saturday | housewarming
            son graduates in July | graduation,gift_for_child
            for Valentine's | valentines_day
            honeymoon in Bali | honeymoon
        """,
        "frame": """
            interested in {p}
            tried on {p}
            we looked at {p} together
            fell for {p}
            wants to see {p} in person
            unsure about the size for {p}
        """,
        "product": """
            the big tote | tote
            a small evening bag | clutch
            a compact wallet | wallet
            a card case | cardholder
            the reversible belt | belt
            the white trainers | sneakers
            the silk square | scarf,silk
            the new scent | fragrance
            a trench | coat
            the shades | sunglasses
            the canvas tote | tote,canvas
            the new crossbody | crossbody_bag
            a pair of boots | boots
            a chunky jumper | knitwear
            the leather backpack | backpack,leather
        """,
        "high": """
            an automatic watch | watch
            a diamond rivière | necklace,diamond
            an engagement ring | engagement_ring
            the steamer trunk | trunk
            a croc bag | handbag,exotic_leather
            the high jewellery piece in the window | high_jewelry
            the yellow gold bangle | bracelet,metal_yellow_gold
            pearl studs | earrings,pearls
            a numbered limited run | limited_edition
            a couture look for the gala | couture
        """,
        "taste": """
            loves tan leather | cognac_leather
            only black, nothing flashy | colour_black
            very classic taste | style_classic
            nickel allergy | nickel_allergy
            vegan, no animal leather | vegan
            rides every weekend | equestrian
            plays golf every Sunday | golf
            collects contemporary art | art_collecting
            keeps a boat in Cowes | sailing
            two little ones at home | family_children
            has a sweet dachshund | pet_owner
            always on a plane for work | business_travel
            prefers rose gold | metal_rose_gold
            size 38 in shoes | size_preference
            can't stand strong perfume | fragrance_sensitivity
            likes discreet pieces, no logo | logo_discreet
        """,
        "negative": """
            not happy with after-sales | complaint
            disappointed by the repair | disappointed,repair
            still on the fence, needs to think | hesitation
            order still hasn't arrived | delivery_delay
            stitching already coming undone | quality_issue
            saw it cheaper at a competitor | competitor_mention
            thinks it's way overpriced | price_objection
            replies less and less | lost_interest
            wants to return the bag | refund_request,handbag
            annoyed about the wait | frustrated
            moving to Lisbon in Sept | relocation
            relocating abroad | relocation
            shopping around elsewhere lately | considering_competitor
        """,
        "positive": """
            delighted with her last purchase | very_satisfied
            loyal for years | loyal_client
            really excited | excited
            thanked us for the welcome | service_praise
        """,
        "action": """
            call back asap | call_back
            ring her Thursday | call_back
            send pics on WhatsApp | send_photos
            set up a mtg next week | book_appointment
            offer a private room | private_viewing
            put it aside till Sat | reserve_item
            send the catalogue | send_catalogue
            invite to the collection cocktail | invite_event
            alterations needed | alteration
            deliver to her home | home_delivery
            gift wrap pls | wrap_gift
            check stock in Knightsbridge | check_availability
            send a thank-you card | thank_you_note
        """,
        "small_talk": """
            chatted about her weekend in Cornwall
            weather chat
            talked about the rugby
            school run chaos this week
            traffic was awful on the way in
            redoing her kitchen
            pouring with rain
            coffee, nice chat
        """,
        "phone": """
            tel {phone}
            mobile: {phone}
            reach her on {phone}
        """,
        "email": """
            email: {email}
            send the quote to {email}
        """,
        "address": """
            deliver to {address}
            new address: {address}
        """,
    },
    "zh": {
        "open": """
            客人今天上午来店
            电话沟通
            下午到店
            老客人回店
            微信视频
            路过店里，待了二十分钟
            按约来店
        """,
        "named": """
            {name}今天来店
            和{name}见面
            {name}来电
            {name}和先生一起来的
        """,
        "intent": """
            想买份礼物 | gift
            想犒劳一下自己 | self_purchase
            准备下单 | ready_to_buy
            已经决定了，周六来付款 | ready_to_buy
            随便看看，不着急 | browsing
            旧钱包坏了想换一个 | replacement,wallet
            列了一个心愿清单 | wishlist
            想要一件专门定制的 | special_order
            给妈妈挑东西 | gift_for_parent
            给闺蜜选点什么 | gift_for_friend
            公司年底要送客户 | corporate_gift
            在集齐这个系列的表 | collection_completion,watch
        """,
        "occasion": """
            给老公五十大寿挑礼物 | milestone_birthday,gift_for_partner
            太太下个月过生日 | birthday,gift_for_partner
            女儿六月结婚 | wedding,gift_for_child
            快到结婚二十周年了 | wedding_anniversary
            儿子刚订婚 | engagement,gift_for_child
            三月要抱孙子了 | baby_birth,gift_for_grandchild
            已经在想春节送什么 | chinese_new_year
            合伙人要退休了 | retirement,corporate_gift
            刚升职 | promotion
            周六乔迁 | housewarming
            儿子七月毕业 | graduation,gift_for_child
            情人节用 | valentines_day
            去巴厘岛度蜜月 | honeymoon
            中秋送长辈 | mid_autumn_festival,gift_for_parent
        """,
        "frame": """
            对{p}感兴趣
            试了{p}
            一起看了{p}
            很喜欢{p}
            想看{p}实物
        """,
        "product": """
            大号tote | tote
            一个小晚宴包 | clutch
            短款钱夹 | wallet
            卡包 | cardholder
            双面腰带 | belt
            小白鞋 | sneakers
            丝巾 | scarf
            新款香水 | fragrance
            风衣 | coat
            墨镜 | sunglasses
            帆布托特 | tote,canvas
            新款斜挎 | crossbody_bag
            短靴 | boots
            厚毛衣 | knitwear
        """,
        "high": """
            一块自动机械表 | watch
            钻石项链 | necklace,diamond
            求婚戒指 | engagement_ring
            旅行硬箱 | trunk
            鳄鱼皮的包 | handbag,exotic_leather
            橱窗里那件高级珠宝 | high_jewelry
            黄金手镯 | bracelet,metal_yellow_gold
            珍珠耳钉 | earrings,pearls
            限量编号款 | limited_edition
            晚宴穿的高定 | couture
        """,
        "taste": """
            喜欢焦糖色皮革 | cognac_leather
            只穿黑色，不要太张扬 | colour_black
            风格很经典 | style_classic
            对镍过敏 | nickel_allergy
            吃素，不用动物皮 | vegan
            周末骑马 | equestrian
            每周打高尔夫 | golf
            收藏当代艺术 | art_collecting
            有两个小孩 | family_children
            养了一只柯基 | pet_owner
            经常出差 | business_travel
            偏爱玫瑰金 | metal_rose_gold
            鞋码38 | size_preference
            不喜欢浓香 | fragrance_sensitivity
            喜欢低调，不要logo | logo_discreet
        """,
        "negative": """
            对售后不满意 | complaint
            维修结果让她失望 | disappointed,repair
            还在犹豫，要再想想 | hesitation
            订单到现在还没到 | delivery_delay
            线头已经开了 | quality_issue
            说别家更便宜 | competitor_mention
            觉得太贵了 | price_objection
            回复越来越少 | lost_interest
            想退那个包 | refund_request,handbag
            等太久有点不耐烦 | frustrated
            九月搬去新加坡 | relocation
            准备移民 | relocation
            最近在别的牌子逛 | considering_competitor
        """,
        "positive": """
            对上次买的很满意 | very_satisfied
            多年老客 | loyal_client
            非常兴奋 | excited
            夸我们服务好 | service_praise
        """,
        "action": """
            尽快回电 | call_back
            周四再打给她 | call_back
            微信发图片 | send_photos
            约下周到店 | book_appointment
            安排VIP室 | private_viewing
            先帮她留到周六 | reserve_item
            寄目录 | send_catalogue
            邀请参加新品酒会 | invite_event
            需要改衣 | alteration
            送货上门 | home_delivery
            要礼品包装 | wrap_gift
            查一下国贸店的库存 | check_availability
        """,
        "small_talk": """
            聊了聊她周末去杭州
            聊天气
            聊了足球
            孩子开学很忙
            路上堵车
            家里在装修
            下大雨
            喝了咖啡，聊得很开心
        """,
        "phone": """
            电话{phone}
            手机：{phone}
        """,
        "email": """
            邮箱：{email}
            报价发到{email}
        """,
        "address": """
            送到{address}
            新地址：{address}
        """,
    },
    "ja": {
        "open": """
            本日ご来店
            お電話にて
            夕方ご来店
            お約束どおり再来店
            オンライン面談
            お仕事帰りに少しだけ
            ふらっとお立ち寄り
        """,
        "named": """
            {name}ご来店
            {name}とお打ち合わせ
            {name}よりお電話
            {name}、ご主人とご一緒に
        """,
        "intent": """
            プレゼントをお探し | gift
            ご自分へのご褒美に | self_purchase
            購入のご意向あり | ready_to_buy
            決めたので土曜にお支払いに来られる | ready_to_buy
            見るだけ、急ぎではない | browsing
            古いお財布がボロボロで買い替えたい | replacement,wallet
            ほしい物リストをお持ち | wishlist
            世界に一つのものを作りたい | special_order
            お母様へ何か | gift_for_parent
            親友へのお祝い | gift_for_friend
            年末に取引先へ | corporate_gift
            時計のコレクションを揃えている | collection_completion,watch
        """,
        "occasion": """
            ご主人の50歳のお祝いを探して | milestone_birthday,gift_for_partner
            奥様のお誕生日が来月 | birthday,gift_for_partner
            お嬢様が6月にご結婚 | wedding,gift_for_child
            もうすぐ結婚20年 | wedding_anniversary
            息子さんがご婚約 | engagement,gift_for_child
            3月にお孫さんが生まれる予定 | baby_birth,gift_for_grandchild
            もう年末のことを考えている | christmas
            上司のご退職 | retirement,corporate_gift
            昇進されたばかり | promotion
            土曜に新居のお披露目 | housewarming
            息子さんが7月にご卒業 | graduation,gift_for_child
            バレンタイン用 | valentines_day
            ハネムーンはバリ | honeymoon
        """,
        "frame": """
            {p}に興味あり
            {p}をご試着
            {p}を一緒に拝見
            {p}を気に入られた
            {p}を実物で見たい
        """,
        "product": """
            大きめのトート | tote
            小ぶりのパーティーバッグ | clutch
            コンパクトなお財布 | wallet
            カードケース | cardholder
            リバーシブルのベルト | belt
            白いスニーカー | sneakers
            シルクのスカーフ | scarf,silk
            新作のフレグランス | fragrance
            トレンチ | coat
            サングラス | sunglasses
            キャンバスのtote | tote,canvas
            新しいcrossbody | crossbody_bag
            ショートブーツ | boots
            厚手のニット | knitwear
        """,
        "high": """
            自動巻きの時計 | watch
            ダイヤのネックレス | necklace,diamond
            婚約指輪 | engagement_ring
            トランク | trunk
            クロコのバッグ | handbag,exotic_leather
            ウィンドウのハイジュエリー | high_jewelry
            イエローゴールドのバングル | bracelet,metal_yellow_gold
            パールのピアス | earrings,pearls
            シリアル番号入りの限定品 | limited_edition
            ガラ用のクチュール | couture
        """,
        "taste": """
            キャメルの革がお好き | cognac_leather
            黒一択、派手なのはNG | colour_black
            とてもクラシックなご趣味 | style_classic
            ニッケルアレルギー | nickel_allergy
            ヴィーガンなので動物の革はNG | vegan
            週末は乗馬 | equestrian
            毎週ゴルフ | golf
            現代アートを収集 | art_collecting
            小さいお子様が二人 | family_children
            ダックスを飼っている | pet_owner
            出張が多い | business_travel
            ピンクゴールド派 | metal_rose_gold
            靴は24センチ | size_preference
            強い香りは苦手 | fragrance_sensitivity
            ロゴなしの控えめなものが好み | logo_discreet
        """,
        "negative": """
            アフターサービスにご不満 | complaint
            修理の仕上がりにがっかり | disappointed,repair
            まだ迷っている、検討したい | hesitation
            注文品がまだ届かない | delivery_delay
            もう縫い目がほつれてきた | quality_issue
            他店の方が安かったと | competitor_mention
            高すぎるとのこと | price_objection
            返信が減ってきた | lost_interest
            バッグを返品したい | refund_request,handbag
            待たされてイライラ | frustrated
            9月にシンガポールへ引っ越し | relocation
            海外に移住予定 | relocation
            最近は他のブランドを見ている | considering_competitor
        """,
        "positive": """
            前回のお買い物に大満足 | very_satisfied
            長年のお得意様 | loyal_client
            とても楽しみにされている | excited
            接客を褒めていただいた | service_praise
        """,
        "action": """
            至急折り返し | call_back
            木曜に再度お電話 | call_back
            LINEで写真を送る | send_photos
            来週のアポを取る | book_appointment
            個室をご案内 | private_viewing
            土曜までお取り置き | reserve_item
            カタログ送付 | send_catalogue
            新作発表会にご招待 | invite_event
            お直しあり | alteration
            ご自宅へ配送 | home_delivery
            ギフト包装希望 | wrap_gift
            銀座店の在庫確認 | check_availability
        """,
        "small_talk": """
            週末の箱根のお話
            お天気の話
            野球の話で盛り上がる
            お子様の新学期でお忙しそう
            道が混んでいたとのこと
            キッチンをリフォーム中
            土砂降り
            コーヒーをお出しして歓談
        """,
        "phone": """
            電話 {phone}
            携帯：{phone}
        """,
        "email": """
            メール：{email}
            お見積りは{email}へ
        """,
        "address": """
            配送先：{address}
            新住所 {address}
        """,
    },
    "it": {
        "open": """
            Cliente passata stamattina
            Telefonata veloce
            Appuntamento in boutique
            Passato di corsa, 15 min
            Tornata come promesso
            Videochiamata con la cliente
            Visto in negozio nel pomeriggio
        """,
        "named": """
            {name} passata stamattina
            App. con {name}
            Chiamata di {name}
            {name} è tornata con il marito
        """,
        "intent": """
            cerca un regalo | gift
            vuole farsi un regalo | self_purchase
            pronta a comprare | ready_to_buy
            decisa, torna sabato a pagare | ready_to_buy
            guarda soltanto, nessuna fretta | browsing
            vuole sostituire il vecchio portafoglio tutto rovinato | replacement,wallet
            ha una lista dei desideri | wishlist
            vorrebbe un pezzo fatto apposta per lui | special_order
            un pensiero per la mamma | gift_for_parent
            qualcosa per la sua migliore amica | gift_for_friend
            regali di fine anno per i clienti dell'azienda | corporate_gift
            completa la sua collezione di orologi | collection_completion,watch
        """,
        "occasion": """
            cerca un regalo per i 50 anni del marito | milestone_birthday,gift_for_partner
            compleanno della moglie il mese prossimo | birthday,gift_for_partner
            la figlia si sposa a giugno | wedding,gift_for_child
            20 anni di matrimonio a breve | wedding_anniversary
            il figlio si è appena fidanzato | engagement,gift_for_child
            diventa nonna a marzo | baby_birth,gift_for_grandchild
            pensa già alle feste | christmas
            un socio va in pensione | retirement,corporate_gift
            appena promossa direttrice | promotion
            inaugura la casa nuova sabato | housewarming
            il figlio si laurea a luglio | graduation,gift_for_child
            per San Valentino | valentines_day
            viaggio di nozze a Bali | honeymoon
        """,
        "frame": """
            interessata a {p}
            ha provato {p}
            abbiamo visto {p} insieme
            innamorata di {p}
            vuole vedere {p} dal vivo
        """,
        "product": """
            la shopper grande | tote
            una pochette da sera | clutch
            un portafoglio piccolo | wallet
            un porta carte | cardholder
            la cintura double face | belt
            le sneakers bianche | sneakers
            il foulard di seta | scarf,silk
            il nuovo profumo | fragrance
            un trench | coat
            gli occhiali da sole | sunglasses
            la tote in canvas | tote,canvas
            la nuova crossbody | crossbody_bag
            un paio di stivaletti | boots
            un maglione pesante | knitwear
        """,
        "high": """
            un orologio automatico | watch
            una collana di diamanti | necklace,diamond
            un anello di fidanzamento | engagement_ring
            il baule da viaggio | trunk
            una borsa in coccodrillo | handbag,exotic_leather
            il pezzo di alta gioielleria in vetrina | high_jewelry
            il bracciale rigido in oro giallo | bracelet,metal_yellow_gold
            orecchini di perle | earrings,pearls
            un'edizione numerata | limited_edition
            un abito couture per il gala | couture
        """,
        "taste": """
            adora la pelle color cuoio | cognac_leather
            solo nero, niente di vistoso | colour_black
            gusto molto classico | style_classic
            allergica al nichel | nickel_allergy
            vegana, niente pelle animale | vegan
            va a cavallo nel weekend | equestrian
            gioca a golf ogni domenica | golf
            colleziona arte contemporanea | art_collecting
            ha una barca a Portofino | sailing
            due bimbi piccoli | family_children
            ha un bassotto | pet_owner
            sempre in aereo per lavoro | business_travel
            preferisce l'oro rosa | metal_rose_gold
            porta il 38 di scarpe | size_preference
            non sopporta i profumi forti | fragrance_sensitivity
        """,
        "negative": """
            non contenta dell'assistenza | complaint
            delusa dalla riparazione | disappointed,repair
            ancora indecisa, ci deve pensare | hesitation
            l'ordine non è ancora arrivato | delivery_delay
            le cuciture si stanno già aprendo | quality_issue
            l'ha vista a meno da un concorrente | competitor_mention
            lo trova carissimo | price_objection
            risponde sempre meno | lost_interest
            vuole rendere la borsa | refund_request,handbag
            spazientita per l'attesa | frustrated
            si trasferisce a Lisbona a settembre | relocation
            va a vivere all'estero | relocation
            ultimamente guarda altrove | considering_competitor
        """,
        "positive": """
            felicissima dell'ultimo acquisto | very_satisfied
            fedele da anni | loyal_client
            molto entusiasta | excited
            ha ringraziato per l'accoglienza | service_praise
        """,
        "action": """
            richiamare asap | call_back
            richiamarla giovedì | call_back
            mandare foto su WhatsApp | send_photos
            fissare app. la settimana prossima | book_appointment
            proporre il salottino privato | private_viewing
            tenere da parte fino a sabato | reserve_item
            mandare il catalogo | send_catalogue
            invitare al cocktail della collezione | invite_event
            orlo da sistemare | alteration
            consegna a casa | home_delivery
            pacchetto regalo | wrap_gift
            verificare disponibilità a via Montenapo | check_availability
        """,
        "small_talk": """
            parlato del weekend al lago
            due chiacchiere sul meteo
            parlato della partita
            la scuola ricomincia, è di corsa
            traffico tremendo in tangenziale
            sta rifacendo la cucina
            pioveva a dirotto
            caffè offerto, bella chiacchierata
        """,
        "phone": """
            tel. {phone}
            cell: {phone}
        """,
        "email": """
            mail: {email}
            mandare il preventivo a {email}
        """,
        "address": """
            consegna in {address}
            nuovo indirizzo: {address}
        """,
    },
    "es": {
        "open": """
            Clienta pasó esta mañana
            Llamada rápida
            Cita en tienda
            Vino un momento, 15 min
            Volvió como quedamos
            Videollamada con la clienta
            Pasó por la tarde
        """,
        "named": """
            {name} pasó esta mañana
            Cita con {name}
            Llamada de {name}
            {name} vino con su marido
        """,
        "intent": """
            busca un regalo | gift
            quiere darse un capricho | self_purchase
            lista para comprar | ready_to_buy
            decidida, vuelve el sábado a pagar | ready_to_buy
            solo mirando, sin prisa | browsing
            quiere cambiar su cartera vieja, está hecha polvo | replacement,wallet
            tiene una lista de deseos | wishlist
            quiere una pieza hecha solo para él | special_order
            algo para su madre | gift_for_parent
            algo para su mejor amiga | gift_for_friend
            detalles de fin de año para los clientes de su empresa | corporate_gift
            completa su colección de relojes | collection_completion,watch
        """,
        "occasion": """
            busca regalo para los 50 de su marido | milestone_birthday,gift_for_partner
            cumple de su mujer el mes que viene | birthday,gift_for_partner
            su hija se casa en junio | wedding,gift_for_child
            20 años de casados pronto | wedding_anniversary
            su hijo se acaba de prometer | engagement,gift_for_child
            va a ser abuela en marzo | baby_birth,gift_for_grandchild
            ya piensa en las fiestas | christmas
            se jubila un socio | retirement,corporate_gift
            la acaban de ascender | promotion
            estrena casa el sábado | housewarming
            su hijo se gradúa en julio | graduation,gift_for_child
            para San Valentín | valentines_day
            luna de miel en Bali | honeymoon
        """,
        "frame": """
            interesada en {p}
            se probó {p}
            vimos {p} juntas
            le encantó {p}
            quiere ver {p} en persona
        """,
        "product": """
            el shopper grande | tote
            un bolsito de noche | clutch
            un monedero pequeño | wallet
            un tarjetero | cardholder
            el cinturón reversible | belt
            las zapatillas blancas | sneakers
            el pañuelo de seda | scarf,silk
            el perfume nuevo | fragrance
            una gabardina | coat
            las gafas de sol | sunglasses
            la tote de lona | tote,canvas
            la nueva crossbody | crossbody_bag
            unos botines | boots
            un jersey gordito | knitwear
        """,
        "high": """
            un reloj automático | watch
            un collar de diamantes | necklace,diamond
            un anillo de pedida | engagement_ring
            el baúl de viaje | trunk
            un bolso de cocodrilo | handbag,exotic_leather
            la pieza de alta joyería del escaparate | high_jewelry
            la esclava de oro amarillo | bracelet,metal_yellow_gold
            pendientes de perlas | earrings,pearls
            una edición numerada | limited_edition
            un look couture para la gala | couture
        """,
        "taste": """
            le encanta la piel color coñac | cognac_leather
            solo negro, nada llamativo | colour_black
            gusto muy clásico | style_classic
            alérgica al níquel | nickel_allergy
            vegana, nada de piel animal | vegan
            monta a caballo los findes | equestrian
            juega al golf cada domingo | golf
            colecciona arte contemporáneo | art_collecting
            tiene un velero en Mallorca | sailing
            dos peques en casa | family_children
            tiene un teckel | pet_owner
            siempre de viaje por trabajo | business_travel
            prefiere el oro rosa | metal_rose_gold
            calza un 38 | size_preference
            no soporta los perfumes fuertes | fragrance_sensitivity
        """,
        "negative": """
            no está contenta con el posventa | complaint
            decepcionada con el arreglo | disappointed,repair
            todavía duda, tiene que pensarlo | hesitation
            el pedido sigue sin llegar | delivery_delay
            las costuras ya se abren | quality_issue
            lo vio más barato en la competencia | competitor_mention
            le parece carísimo | price_objection
            contesta cada vez menos | lost_interest
            quiere devolver el bolso | refund_request,handbag
            harta de esperar | frustrated
            se muda a Lisboa en septiembre | relocation
            se va a vivir fuera | relocation
            últimamente mira en otras marcas | considering_competitor
        """,
        "positive": """
            encantada con su última compra | very_satisfied
            fiel desde hace años | loyal_client
            muy ilusionada | excited
            agradeció la atención | service_praise
        """,
        "action": """
            llamar asap | call_back
            volver a llamarla el jueves | call_back
            mandar fotos por WhatsApp | send_photos
            cerrar cita la semana que viene | book_appointment
            ofrecer el salón privado | private_viewing
            guardárselo hasta el sábado | reserve_item
            enviar el catálogo | send_catalogue
            invitar al cóctel de la colección | invite_event
            arreglo de bajo | alteration
            entrega a domicilio | home_delivery
            envolver para regalo | wrap_gift
            mirar stock en Serrano | check_availability
        """,
        "small_talk": """
            hablamos de su finde en Cádiz
            charla sobre el tiempo
            hablamos del partido
            vuelta al cole, va liadísima
            mucho tráfico en la M-30
            está reformando la cocina
            llovía a cántaros
            café y buena charla
        """,
        "phone": """
            tlf. {phone}
            móvil: {phone}
        """,
        "email": """
            email: {email}
            mandar el presupuesto a {email}
        """,
        "address": """
            entrega en {address}
            nueva dirección: {address}
        """,
    },
    "de": {
        "open": """
            Kundin heute Vormittag da
            Kurzes Telefonat
            Termin in der Boutique
            Kurz reingeschaut, 15 Min
            Wie versprochen wiedergekommen
            Videocall mit der Kundin
            Nachmittags vorbeigekommen
        """,
        "named": """
            {name} heute Vormittag da
            Termin mit {name}
            Anruf von {name}
            {name} kam mit ihrem Mann
        """,
        "intent": """
            sucht ein Geschenk | gift
            will sich selbst was gönnen | self_purchase
            kaufbereit | ready_to_buy
            entschieden, kommt Sa. zum Bezahlen | ready_to_buy
            schaut nur, keine Eile | browsing
            will die alte, völlig abgewetzte Geldbörse ersetzen | replacement,wallet
            hat eine Wunschliste | wishlist
            möchte ein Einzelstück nur für ihn | special_order
            was für die Mutter | gift_for_parent
            was für die beste Freundin | gift_for_friend
            Präsente für die Geschäftskunden zum Jahresende | corporate_gift
            vervollständigt ihre Uhrensammlung | collection_completion,watch
        """,
        "occasion": """
            sucht Geschenk zum 50. ihres Mannes | milestone_birthday,gift_for_partner
            Geburtstag der Frau nächsten Monat | birthday,gift_for_partner
            Tochter heiratet im Juni | wedding,gift_for_child
            bald 20 Jahre verheiratet | wedding_anniversary
            Sohn hat sich gerade verlobt | engagement,gift_for_child
            wird im März Oma | baby_birth,gift_for_grandchild
            denkt schon an die Feiertage | christmas
            Kollege geht in Rente | retirement,corporate_gift
            gerade befördert | promotion
            Einweihungsparty am Samstag | housewarming
            Sohn macht im Juli seinen Abschluss | graduation,gift_for_child
            für den Valentinstag | valentines_day
            Flitterwochen auf Bali | honeymoon
        """,
        "frame": """
            interessiert an {p}
            hat {p} anprobiert
            haben uns {p} zusammen angesehen
            verliebt in {p}
            will {p} im Original sehen
        """,
        "product": """
            den großen Shopper | tote
            eine kleine Abendtasche | clutch
            ein kompaktes Portemonnaie | wallet
            ein Kartenetui | cardholder
            den Wendegürtel | belt
            die weißen Sneaker | sneakers
            das Seidentuch | scarf,silk
            den neuen Duft | fragrance
            einen Trench | coat
            die Sonnenbrille | sunglasses
            die Canvas-Tote | tote,canvas
            die neue Crossbody | crossbody_bag
            ein Paar Stiefeletten | boots
            einen dicken Pulli | knitwear
        """,
        "high": """
            eine Automatikuhr | watch
            ein Diamantcollier | necklace,diamond
            einen Verlobungsring | engagement_ring
            den Reisekoffer aus der Vitrine | trunk
            eine Krokotasche | handbag,exotic_leather
            das Haute-Joaillerie-Stück im Fenster | high_jewelry
            den Armreif in Gelbgold | bracelet,metal_yellow_gold
            Perlenohrstecker | earrings,pearls
            eine nummerierte Sonderedition | limited_edition
            ein Couture-Outfit für die Gala | couture
        """,
        "taste": """
            liebt cognacfarbenes Leder | cognac_leather
            nur Schwarz, nichts Auffälliges | colour_black
            sehr klassischer Geschmack | style_classic
            Nickelallergie | nickel_allergy
            vegan, kein Tierleder | vegan
            reitet am Wochenende | equestrian
            spielt jeden Sonntag Golf | golf
            sammelt zeitgenössische Kunst | art_collecting
            hat ein Segelboot am Bodensee | sailing
            zwei kleine Kinder | family_children
            hat einen Dackel | pet_owner
            beruflich ständig im Flieger | business_travel
            mag lieber Roségold | metal_rose_gold
            Schuhgröße 38 | size_preference
            verträgt keine starken Düfte | fragrance_sensitivity
        """,
        "negative": """
            unzufrieden mit dem Kundendienst | complaint
            enttäuscht von der Reparatur | disappointed,repair
            noch unschlüssig, muss nachdenken | hesitation
            Bestellung immer noch nicht da | delivery_delay
            Naht geht schon auf | quality_issue
            hat es bei der Konkurrenz billiger gesehen | competitor_mention
            findet es viel zu teuer | price_objection
            meldet sich immer seltener | lost_interest
            will die Tasche zurückgeben | refund_request,handbag
            genervt vom Warten | frustrated
            zieht im September nach Lissabon | relocation
            geht ins Ausland | relocation
            schaut sich gerade woanders um | considering_competitor
        """,
        "positive": """
            begeistert vom letzten Kauf | very_satisfied
            seit Jahren treue Kundin | loyal_client
            total aufgeregt | excited
            hat sich für den Empfang bedankt | service_praise
        """,
        "action": """
            asap zurückrufen | call_back
            Do. nochmal anrufen | call_back
            Fotos per WhatsApp schicken | send_photos
            Termin nächste Woche machen | book_appointment
            Separee anbieten | private_viewing
            bis Samstag zurücklegen | reserve_item
            Katalog schicken | send_catalogue
            zum Kollektionscocktail einladen | invite_event
            Änderung nötig | alteration
            Lieferung nach Hause | home_delivery
            als Geschenk verpacken | wrap_gift
            Bestand in München prüfen | check_availability
        """,
        "small_talk": """
            über ihr Wochenende am Tegernsee geredet
            übers Wetter geplaudert
            über Fußball gesprochen
            Schulanfang, sie ist im Stress
            viel Stau auf dem Ring
            lässt gerade die Küche machen
            hat in Strömen geregnet
            Kaffee, nettes Gespräch
        """,
        "phone": """
            Tel. {phone}
            Handy: {phone}
        """,
        "email": """
            Mail: {email}
            Angebot an {email} schicken
        """,
        "address": """
            Lieferung an {address}
            neue Adresse: {address}
        """,
    },
    "ar": {
        "open": """
            العميلة مرت صباح اليوم
            مكالمة سريعة
            موعد في البوتيك
            زيارة قصيرة، ربع ساعة
            رجعت زي ما وعدت
            مكالمة فيديو مع العميلة
            مرت بعد الظهر
        """,
        "named": """
            {name} مرت صباح اليوم
            موعد مع {name}
            اتصال من {name}
            {name} جاءت مع زوجها
        """,
        "intent": """
            تبحث عن هدية | gift
            تريد أن تدلل نفسها | self_purchase
            جاهزة للشراء | ready_to_buy
            قررت، سترجع السبت للدفع | ready_to_buy
            تتفرج فقط، مو مستعجلة | browsing
            تريد تغيير محفظتها القديمة | replacement,wallet
            عندها قائمة أمنيات | wishlist
            يريد قطعة مصنوعة خصيصا له | special_order
            شيء لوالدتها | gift_for_parent
            شيء لصديقتها المقربة | gift_for_friend
            هدايا آخر السنة لعملاء شركته | corporate_gift
            يكمل مجموعة ساعاته | collection_completion,watch
        """,
        "occasion": """
            تبحث عن هدية لعيد ميلاد زوجها الخمسين | milestone_birthday,gift_for_partner
            عيد ميلاد زوجته الشهر الجاي | birthday,gift_for_partner
            بنتها تتزوج في يونيو | wedding,gift_for_child
            قريبا عشرين سنة زواج | wedding_anniversary
            ابنها خطب | engagement,gift_for_child
            تنتظر حفيدها الأول في مارس | baby_birth,gift_for_grandchild
            تجهز لعيد الفطر | ramadan_eid
            شريكه سيتقاعد | retirement,corporate_gift
            ترقت للتو | promotion
            حفلة البيت الجديد السبت | housewarming
            ابنها يتخرج في يوليو | graduation,gift_for_child
            لعيد الحب | valentines_day
            شهر العسل في بالي | honeymoon
        """,
        "frame": """
            مهتمة بـ{p}
            جربت {p}
            شفنا {p} مع بعض
            أعجبها {p}
            تريد أن ترى {p} على الطبيعة
        """,
        "product": """
            الشنطة الكبيرة | tote
            شنطة سهرة صغيرة | clutch
            محفظة صغيرة | wallet
            حافظة بطاقات | cardholder
            الحزام بوجهين | belt
            السنيكرز البيضاء | sneakers
            إيشارب حرير | scarf,silk
            العطر الجديد | fragrance
            معطف ترنش | coat
            النظارة الشمسية | sunglasses
            tote من الكانفاس | tote,canvas
            crossbody الجديدة | crossbody_bag
            بوت قصير | boots
            كنزة صوف سميكة | knitwear
        """,
        "high": """
            ساعة أوتوماتيك | watch
            عقد ألماس | necklace,diamond
            خاتم خطوبة | engagement_ring
            صندوق سفر فاخر | trunk
            شنطة جلد تمساح | handbag,exotic_leather
            قطعة المجوهرات الراقية في الواجهة | high_jewelry
            إسوارة ذهب أصفر | bracelet,metal_yellow_gold
            حلق لؤلؤ | earrings,pearls
            إصدار محدود مرقم | limited_edition
            فستان كوتور للحفل | couture
        """,
        "taste": """
            تحب الجلد البني الفاتح | cognac_leather
            أسود فقط، لا شيء لافت | colour_black
            ذوقها كلاسيكي جدا | style_classic
            عندها حساسية من النيكل | nickel_allergy
            نباتية، لا جلد حيواني | vegan
            تركب الخيل في الويكند | equestrian
            يلعب غولف كل أحد | golf
            يقتني الفن المعاصر | art_collecting
            عندها طفلين صغار | family_children
            عندها قطة | pet_owner
            يسافر كثير للشغل | business_travel
            تفضل الذهب الوردي | metal_rose_gold
            مقاس الحذاء 38 | size_preference
            حلال فقط | halal
            لا يشرب الكحول | no_alcohol
        """,
        "negative": """
            مو راضية عن خدمة ما بعد البيع | complaint
            خاب أملها من التصليح | disappointed,repair
            لسه مترددة، تحتاج تفكر | hesitation
            الطلبية ما وصلت لحد الآن | delivery_delay
            الخياطة بدأت تنفك | quality_issue
            شافتها أرخص عند المنافس | competitor_mention
            تشوفها غالية جدا | price_objection
            ترد أقل وأقل | lost_interest
            تريد ترجع الشنطة | refund_request,handbag
            متضايقة من الانتظار | frustrated
            تنتقل إلى لندن في سبتمبر | relocation
            مسافرة تعيش برا | relocation
            صارت تتسوق عند ماركات ثانية | considering_competitor
        """,
        "positive": """
            مبسوطة جدا من آخر شراء | very_satisfied
            عميلة وفية من سنين | loyal_client
            متحمسة جدا | excited
            شكرت على الاستقبال | service_praise
        """,
        "action": """
            معاودة الاتصال asap | call_back
            الاتصال بها يوم الخميس | call_back
            إرسال صور على الواتساب | send_photos
            تحديد موعد الأسبوع الجاي | book_appointment
            عرض الصالون الخاص | private_viewing
            حجز القطعة لين السبت | reserve_item
            إرسال الكتالوج | send_catalogue
            دعوتها لحفل المجموعة | invite_event
            تعديل المقاس | alteration
            توصيل للبيت | home_delivery
            تغليف هدية | wrap_gift
            التأكد من التوفر في فرع دبي مول | check_availability
        """,
        "small_talk": """
            تكلمنا عن الويكند في العين
            دردشة عن الجو
            تكلمنا عن مباراة الكورة
            بداية المدارس، مشغولة
            زحمة سير قوية
            تجدد مطبخها
            قهوة وحديث لطيف
        """,
        "phone": """
            جوال {phone}
            رقمها: {phone}
        """,
        "email": """
            الإيميل: {email}
            إرسال العرض إلى {email}
        """,
        "address": """
            التوصيل إلى {address}
            العنوان الجديد: {address}
        """,
    },
    "ru": {
        "open": """
            Клиентка заходила утром
            Короткий звонок
            Встреча в бутике
            Забежала на 15 минут
            Вернулась, как обещала
            Видеозвонок с клиенткой
            Заходила после обеда
        """,
        "named": """
            {name} заходила утром
            Встреча с {name}
            Звонок от {name}
            {name} пришла с мужем
        """,
        "intent": """
            ищет подарок | gift
            хочет себя порадовать | self_purchase
            готова купить | ready_to_buy
            решила, придёт в субботу оплатить | ready_to_buy
            просто смотрит, не торопится | browsing
            хочет заменить старый потёртый кошелёк | replacement,wallet
            составила список желаний | wishlist
            хочет вещь, сделанную специально для него | special_order
            что-нибудь для мамы | gift_for_parent
            что-то для лучшей подруги | gift_for_friend
            подарки партнёрам компании к концу года | corporate_gift
            собирает коллекцию часов | collection_completion,watch
        """,
        "occasion": """
            ищет подарок мужу на 50-летие | milestone_birthday,gift_for_partner
            у жены др в следующем месяце | birthday,gift_for_partner
            дочь выходит замуж в июне | wedding,gift_for_child
            скоро 20 лет со дня свадьбы | wedding_anniversary
            сын только что обручился | engagement,gift_for_child
            в марте станет бабушкой | baby_birth,gift_for_grandchild
            уже думает о новогодних подарках | new_year
            партнёр уходит на пенсию | retirement,corporate_gift
            недавно повысили | promotion
            новоселье в субботу | housewarming
            сын в июле заканчивает универ | graduation,gift_for_child
            к 14 февраля | valentines_day
            медовый месяц на Бали | honeymoon
        """,
        "frame": """
            интересуется: {p}
            примерила {p}
            вместе посмотрели {p}
            влюбилась в {p}
            хочет вживую посмотреть {p}
        """,
        "product": """
            большой шопер | tote
            маленькую вечернюю сумочку | clutch
            компактный кошелёк | wallet
            картхолдер | cardholder
            двусторонний ремень | belt
            белые кеды | sneakers
            шёлковый платок | scarf,silk
            новый аромат | fragrance
            тренч | coat
            солнечные очки | sunglasses
            tote из канваса | tote,canvas
            новую crossbody | crossbody_bag
            ботильоны | boots
            толстый свитер | knitwear
        """,
        "high": """
            механические часы с автоподзаводом | watch
            колье с бриллиантами | necklace,diamond
            помолвочное кольцо | engagement_ring
            дорожный сундук | trunk
            сумку из крокодила | handbag,exotic_leather
            ювелирное изделие высокой коллекции с витрины | high_jewelry
            браслет из жёлтого золота | bracelet,metal_yellow_gold
            серьги с жемчугом | earrings,pearls
            номерную лимитку | limited_edition
            кутюрный наряд на гала-вечер | couture
        """,
        "taste": """
            обожает кожу цвета коньяка | cognac_leather
            только чёрное, ничего яркого | colour_black
            очень классический вкус | style_classic
            аллергия на никель | nickel_allergy
            веган, никакой натуральной кожи | vegan
            по выходным ездит верхом | equestrian
            каждое воскресенье играет в гольф | golf
            собирает современное искусство | art_collecting
            двое маленьких детей | family_children
            у неё такса | pet_owner
            постоянно в командировках | business_travel
            предпочитает розовое золото | metal_rose_gold
            38-й размер обуви | size_preference
            не переносит резкие запахи | fragrance_sensitivity
        """,
        "negative": """
            недовольна сервисом | complaint
            разочарована ремонтом | disappointed,repair
            ещё сомневается, надо подумать | hesitation
            заказ до сих пор не пришёл | delivery_delay
            шов уже расходится | quality_issue
            видела дешевле у конкурентов | competitor_mention
            считает, что слишком дорого | price_objection
            отвечает всё реже | lost_interest
            хочет вернуть сумку | refund_request,handbag
            раздражена ожиданием | frustrated
            в сентябре переезжает в Дубай | relocation
            уезжает жить за границу | relocation
            последнее время смотрит другие марки | considering_competitor
        """,
        "positive": """
            в восторге от последней покупки | very_satisfied
            постоянная клиентка много лет | loyal_client
            очень воодушевлена | excited
            поблагодарила за приём | service_praise
        """,
        "action": """
            перезвонить asap | call_back
            набрать в четверг | call_back
            отправить фото в WhatsApp | send_photos
            назначить встречу на след. неделе | book_appointment
            предложить VIP-зал | private_viewing
            отложить до субботы | reserve_item
            отправить каталог | send_catalogue
            пригласить на коктейль коллекции | invite_event
            нужна подгонка | alteration
            доставка на дом | home_delivery
            подарочная упаковка | wrap_gift
            проверить наличие в ГУМе | check_availability
        """,
        "small_talk": """
            болтали про её выходные на даче
            поговорили о погоде
            обсудили футбол
            начало учебного года, она замотана
            пробки жуткие
            делает ремонт на кухне
            лил дождь
            кофе, приятная беседа
        """,
        "phone": """
            тел. {phone}
            мобильный: {phone}
        """,
        "email": """
            почта: {email}
            отправить предложение на {email}
        """,
        "address": """
            доставка: {address}
            новый адрес: {address}
        """,
    },
    "ko": {
        "open": """
            오전에 매장 방문
            짧게 통화
            매장 상담
            잠깐 들르심, 15분
            약속대로 재방문
            영상 통화 상담
            오후에 들르심
        """,
        "named": """
            {name} 오전 방문
            {name} 상담
            {name} 전화 주심
            {name} 남편분과 함께 오심
        """,
        "intent": """
            선물 찾으심 | gift
            본인을 위한 보상으로 | self_purchase
            구매 의사 확실 | ready_to_buy
            결정하셨고 토요일에 결제하러 오심 | ready_to_buy
            그냥 구경, 급하지 않음 | browsing
            오래된 지갑이 다 낡아서 바꾸고 싶어 하심 | replacement,wallet
            위시리스트 있음 | wishlist
            본인만을 위한 맞춤 제작 원하심 | special_order
            어머님께 드릴 것 | gift_for_parent
            절친에게 줄 것 | gift_for_friend
            연말 거래처 선물 | corporate_gift
            시계 컬렉션 채우는 중 | collection_completion,watch
        """,
        "occasion": """
            남편 50세 생신 선물 찾으심 | milestone_birthday,gift_for_partner
            다음 달 아내분 생일 | birthday,gift_for_partner
            따님이 6월에 결혼 | wedding,gift_for_child
            곧 결혼 20주년 | wedding_anniversary
            아드님 약혼 | engagement,gift_for_child
            3월에 손주 태어날 예정 | baby_birth,gift_for_grandchild
            벌써 설날 준비 | chinese_new_year
            동업자 은퇴 | retirement,corporate_gift
            막 승진하심 | promotion
            토요일 집들이 | housewarming
            아드님 7월 졸업 | graduation,gift_for_child
            발렌타인용 | valentines_day
            발리로 신혼여행 | honeymoon
        """,
        "frame": """
            {p} 관심 있으심
            {p} 착용해 보심
            {p} 같이 봄
            {p} 마음에 들어 하심
            {p} 실물 보고 싶어 하심
        """,
        "product": """
            큰 토트 | tote
            작은 이브닝백 | clutch
            작은 반지갑 | wallet
            카드지갑 | cardholder
            양면 벨트 | belt
            흰 스니커즈 | sneakers
            실크 스카프 | scarf,silk
            신상 향수 | fragrance
            트렌치 | coat
            선글라스 | sunglasses
            캔버스 tote | tote,canvas
            새 crossbody | crossbody_bag
            앵클부츠 | boots
            두꺼운 니트 | knitwear
        """,
        "high": """
            오토매틱 시계 | watch
            다이아 목걸이 | necklace,diamond
            프러포즈 반지 | engagement_ring
            여행용 트렁크 | trunk
            크로코 가방 | handbag,exotic_leather
            쇼윈도의 하이주얼리 | high_jewelry
            옐로골드 뱅글 | bracelet,metal_yellow_gold
            진주 귀걸이 | earrings,pearls
            넘버링된 한정판 | limited_edition
            갈라용 쿠튀르 | couture
        """,
        "taste": """
            카멜색 가죽 좋아하심 | cognac_leather
            블랙만, 화려한 건 싫어하심 | colour_black
            아주 클래식한 취향 | style_classic
            니켈 알레르기 | nickel_allergy
            비건이라 동물 가죽 안 됨 | vegan
            주말마다 승마 | equestrian
            매주 골프 | golf
            현대미술 수집 | art_collecting
            어린 자녀 둘 | family_children
            닥스훈트 키우심 | pet_owner
            출장이 잦음 | business_travel
            로즈골드 선호 | metal_rose_gold
            신발 240 | size_preference
            진한 향 싫어하심 | fragrance_sensitivity
            로고 없는 심플한 스타일 선호 | logo_discreet
        """,
        "negative": """
            AS에 불만 | complaint
            수선 결과에 실망 | disappointed,repair
            아직 고민 중, 더 생각해 보신다고 | hesitation
            주문한 게 아직도 안 옴 | delivery_delay
            벌써 박음질이 풀림 | quality_issue
            다른 브랜드가 더 싸다고 하심 | competitor_mention
            너무 비싸다고 하심 | price_objection
            답장이 점점 줄어듦 | lost_interest
            가방 반품 원하심 | refund_request,handbag
            기다리느라 짜증 나심 | frustrated
            9월에 싱가포르로 이사 | relocation
            해외로 이주 예정 | relocation
            요즘 다른 데서 쇼핑하심 | considering_competitor
        """,
        "positive": """
            지난번 구매에 매우 만족 | very_satisfied
            오랜 단골 | loyal_client
            엄청 들뜨심 | excited
            응대 칭찬해 주심 | service_praise
        """,
        "action": """
            asap 콜백 | call_back
            목요일에 다시 전화 | call_back
            카톡으로 사진 보내기 | send_photos
            다음 주 예약 잡기 | book_appointment
            VIP룸 안내 | private_viewing
            토요일까지 홀드 | reserve_item
            카탈로그 발송 | send_catalogue
            컬렉션 칵테일 초대 | invite_event
            기장 수선 필요 | alteration
            자택 배송 | home_delivery
            선물 포장 | wrap_gift
            청담점 재고 확인 | check_availability
        """,
        "small_talk": """
            주말에 제주 다녀온 얘기
            날씨 얘기
            야구 얘기로 수다
            개학이라 정신없으심
            오는 길에 차가 엄청 막혔다고
            주방 리모델링 중
            비가 쏟아짐
            커피 마시며 즐겁게 대화
        """,
        "phone": """
            연락처 {phone}
            휴대폰: {phone}
        """,
        "email": """
            이메일: {email}
            견적서는 {email}로
        """,
        "address": """
            배송지: {address}
            새 주소 {address}
        """,
    },
    "pt": {
        "open": """
            Cliente passou hoje de manhã
            Chamada rápida
            Marcação na loja
            Passou a correr, 15 min
            Voltou como prometido
            Videochamada com a cliente
            Passou à tarde
        """,
        "named": """
            {name} passou hoje de manhã
            Reunião com {name}
            Chamada da {name}
            {name} veio com o marido
        """,
        "intent": """
            procura um presente | gift
            quer mimar-se | self_purchase
            pronta para comprar | ready_to_buy
            decidida, volta sábado para pagar | ready_to_buy
            só a ver, sem pressa | browsing
            quer trocar a carteira velha, toda gasta | replacement,wallet
            tem uma lista de desejos | wishlist
            quer uma peça feita só para ele | special_order
            uma lembrança para a mãe | gift_for_parent
            algo para a melhor amiga | gift_for_friend
            lembranças de fim de ano para os clientes da empresa | corporate_gift
            completa a coleção de relógios | collection_completion,watch
        """,
        "occasion": """
            procura presente para os 50 anos do marido | milestone_birthday,gift_for_partner
            anos da mulher no mês que vem | birthday,gift_for_partner
            a filha casa em junho | wedding,gift_for_child
            20 anos de casados em breve | wedding_anniversary
            o filho acabou de ficar noivo | engagement,gift_for_child
            vai ser avó em março | baby_birth,gift_for_grandchild
            já a pensar nas festas | christmas
            um sócio vai reformar-se | retirement,corporate_gift
            acabou de ser promovida | promotion
            festa de casa nova no sábado | housewarming
            o filho forma-se em julho | graduation,gift_for_child
            para o Dia dos Namorados | valentines_day
            lua de mel em Bali | honeymoon
        """,
        "frame": """
            interessada em {p}
            experimentou {p}
            vimos {p} juntas
            apaixonou-se por {p}
            quer ver {p} ao vivo
        """,
        "product": """
            a shopper grande | tote
            uma bolsinha de noite | clutch
            um porta-moedas pequeno | wallet
            um porta-cartões | cardholder
            o cinto reversível | belt
            os ténis brancos | sneakers
            o lenço de seda | scarf,silk
            o perfume novo | fragrance
            uma gabardine | coat
            os óculos de sol | sunglasses
            a tote de lona | tote,canvas
            a nova crossbody | crossbody_bag
            umas botas curtas | boots
            uma camisola grossa | knitwear
        """,
        "high": """
            um relógio automático | watch
            um colar de diamantes | necklace,diamond
            um anel de noivado | engagement_ring
            o baú de viagem | trunk
            uma mala de crocodilo | handbag,exotic_leather
            a peça de alta joalharia da montra | high_jewelry
            a pulseira rígida em ouro amarelo | bracelet,metal_yellow_gold
            brincos de pérolas | earrings,pearls
            uma edição numerada | limited_edition
            um look couture para a gala | couture
        """,
        "taste": """
            adora pele cor de conhaque | cognac_leather
            só preto, nada vistoso | colour_black
            gosto muito clássico | style_classic
            alérgica ao níquel | nickel_allergy
            vegana, nada de pele animal | vegan
            anda a cavalo ao fim de semana | equestrian
            joga golfe todos os domingos | golf
            coleciona arte contemporânea | art_collecting
            tem um veleiro em Cascais | sailing
            dois miúdos pequenos | family_children
            tem um teckel | pet_owner
            sempre de avião por trabalho | business_travel
            prefere ouro rosa | metal_rose_gold
            calça 38 | size_preference
        """,
        "negative": """
            não está contente com o pós-venda | complaint
            desiludida com o arranjo | disappointed,repair
            ainda hesita, tem de pensar | hesitation
            a encomenda ainda não chegou | delivery_delay
            as costuras já estão a abrir | quality_issue
            viu mais barato na concorrência | competitor_mention
            acha caríssimo | price_objection
            responde cada vez menos | lost_interest
            quer devolver a mala | refund_request,handbag
            farta de esperar | frustrated
            muda-se para Londres em setembro | relocation
            vai viver para fora | relocation
            ultimamente anda a ver outras marcas | considering_competitor
        """,
        "positive": """
            encantada com a última compra | very_satisfied
            fiel há anos | loyal_client
            muito entusiasmada | excited
            agradeceu o atendimento | service_praise
        """,
        "action": """
            ligar de volta asap | call_back
            voltar a ligar na quinta | call_back
            mandar fotos por WhatsApp | send_photos
            marcar visita para a semana | book_appointment
            propor o salão privado | private_viewing
            guardar até sábado | reserve_item
            enviar o catálogo | send_catalogue
            convidar para o cocktail da coleção | invite_event
            ajuste de bainha | alteration
            entrega em casa | home_delivery
            embrulho para oferta | wrap_gift
            ver stock na Avenida | check_availability
        """,
        "small_talk": """
            falámos do fim de semana no Algarve
            conversa sobre o tempo
            falámos do jogo do Benfica
            regresso às aulas, anda num corrupio
            muito trânsito na ponte
            está a remodelar a cozinha
            chovia a potes
            cafezinho e boa conversa
        """,
        "phone": """
            tlm. {phone}
            telemóvel: {phone}
        """,
        "email": """
            email: {email}
            enviar o orçamento para {email}
        """,
        "address": """
            entrega na {address}
            nova morada: {address}
        """,
    },
    "nl": {
        "open": """
            Klant vanochtend langs geweest
            Kort belletje
            Afspraak in de winkel
            Even binnengelopen, 15 min
            Teruggekomen zoals beloofd
            Videocall met de klant
            Vanmiddag langs geweest
        """,
        "named": """
            {name} vanochtend langs
            Afspraak met {name}
            Telefoontje van {name}
            {name} kwam met haar man
        """,
        "intent": """
            zoekt een cadeautje | gift
            wil zichzelf verwennen | self_purchase
            klaar om te kopen | ready_to_buy
            besloten, komt za. afrekenen | ready_to_buy
            kijkt alleen, geen haast | browsing
            wil haar oude versleten portemonnee vervangen | replacement,wallet
            heeft een verlanglijstje | wishlist
            wil een stuk speciaal voor hem gemaakt | special_order
            iets voor haar moeder | gift_for_parent
            iets voor haar beste vriendin | gift_for_friend
            relatiegeschenken voor de klanten van zijn bedrijf | corporate_gift
            maakt zijn horlogeverzameling compleet | collection_completion,watch
        """,
        "occasion": """
            zoekt cadeau voor de 50e van haar man | milestone_birthday,gift_for_partner
            vrouw volgende maand jarig | birthday,gift_for_partner
            dochter trouwt in juni | wedding,gift_for_child
            binnenkort 20 jaar getrouwd | wedding_anniversary
            zoon net verloofd | engagement,gift_for_child
            wordt in maart oma | baby_birth,gift_for_grandchild
            denkt al aan de feestdagen | christmas
            compagnon gaat met pensioen | retirement,corporate_gift
            net gepromoveerd tot partner | promotion
            housewarming zaterdag | housewarming
            zoon studeert af in juli | graduation,gift_for_child
            voor Valentijn | valentines_day
            huwelijksreis naar Bali | honeymoon
        """,
        "frame": """
            interesse in {p}
            heeft {p} gepast
            samen {p} bekeken
            verliefd op {p}
            wil {p} in het echt zien
        """,
        "product": """
            de grote shopper | tote
            een klein avondtasje | clutch
            een compacte portemonnee | wallet
            een pasjeshouder | cardholder
            de omkeerbare riem | belt
            de witte sneakers | sneakers
            de zijden sjaal | scarf,silk
            de nieuwe geur | fragrance
            een trenchcoat | coat
            de zonnebril | sunglasses
            de canvas tote | tote,canvas
            de nieuwe crossbody | crossbody_bag
            een paar enkellaarsjes | boots
            een dikke trui | knitwear
        """,
        "high": """
            een automatisch horloge | watch
            een diamanten collier | necklace,diamond
            een verlovingsring | engagement_ring
            de reiskoffer uit de etalage | trunk
            een krokotas | handbag,exotic_leather
            het haute joaillerie stuk in de etalage | high_jewelry
            de armband in geelgoud | bracelet,metal_yellow_gold
            parel oorknopjes | earrings,pearls
            een genummerde oplage | limited_edition
            een couture look voor het gala | couture
        """,
        "taste": """
            dol op cognackleurig leer | cognac_leather
            alleen zwart, niks opvallends | colour_black
            heel klassieke smaak | style_classic
            allergisch voor nikkel | nickel_allergy
            veganist, geen dierlijk leer | vegan
            rijdt paard in het weekend | equestrian
            golft elke zondag | golf
            verzamelt hedendaagse kunst | art_collecting
            heeft een zeilboot in Muiden | sailing
            twee kleintjes thuis | family_children
            heeft een teckel | pet_owner
            altijd in het vliegtuig voor werk | business_travel
            liever roségoud | metal_rose_gold
            schoenmaat 38 | size_preference
        """,
        "negative": """
            niet tevreden over de service | complaint
            teleurgesteld over de reparatie | disappointed,repair
            twijfelt nog, moet erover nadenken | hesitation
            bestelling nog steeds niet binnen | delivery_delay
            naad laat al los | quality_issue
            zag het goedkoper bij de concurrent | competitor_mention
            vindt het veel te duur | price_objection
            reageert steeds minder | lost_interest
            wil de tas terugbrengen | refund_request,handbag
            geïrriteerd door het wachten | frustrated
            verhuist in september naar Lissabon | relocation
            gaat in het buitenland wonen | relocation
            kijkt de laatste tijd ergens anders | considering_competitor
        """,
        "positive": """
            heel blij met haar laatste aankoop | very_satisfied
            al jaren trouw | loyal_client
            erg enthousiast | excited
            bedankte voor de ontvangst | service_praise
        """,
        "action": """
            asap terugbellen | call_back
            donderdag nog eens bellen | call_back
            foto's via WhatsApp sturen | send_photos
            afspraak inplannen volgende week | book_appointment
            privésalon aanbieden | private_viewing
            tot zaterdag apart leggen | reserve_item
            catalogus opsturen | send_catalogue
            uitnodigen voor de collectieborrel | invite_event
            zoom innemen | alteration
            thuisbezorgen | home_delivery
            als cadeau inpakken | wrap_gift
            voorraad in de PC Hooftstraat checken | check_availability
        """,
        "small_talk": """
            gekletst over haar weekendje Zeeland
            over het weer gehad
            over voetbal gepraat
            scholen weer begonnen, druk druk
            file op de ring
            laat de keuken verbouwen
            het regende pijpenstelen
            koffie, gezellig gesprek
        """,
        "phone": """
            tel. {phone}
            mobiel: {phone}
        """,
        "email": """
            mail: {email}
            offerte naar {email}
        """,
        "address": """
            bezorgen op {address}
            nieuw adres: {address}
        """,
    },
}

# Invented clients, per language (women: the named openings say "passée ce matin", "with her
# husband"): honorifics (before the surname, or after it where the language puts them there),
# surnames and given names.
PEOPLE: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "before": ("Mme", "Madame", "Mme", "Mlle"),
        "surnames": ("Vernassol", "Duclairac", "Fontanive", "Marchebois", "Lestrac", "Bellefond"),
        "given": ("Solène", "Capucine", "Anouk", "Héloïse", "Maëlle", "Garance"),
    },
    "en": {
        "before": ("Mrs", "Ms", "Mrs.", "Miss"),
        "surnames": ("Ashcombe", "Pellingford", "Wrenfield", "Harrowgate", "Thistlewood"),
        "given": ("Imogen", "Rosalind", "Harriet", "Georgina", "Philippa", "Clemency"),
    },
    "zh": {
        "after": ("女士", "先生", "小姐"),
        "surnames": ("顾", "骆", "柏", "邝", "裴"),
        "given": ("雨桐", "思澜", "念初", "语嫣", "书瑶"),
    },
    "ja": {
        "after": ("様", "さん", "様"),
        "surnames": ("水無瀬", "鷹野辺", "久遠寺", "朝比奈", "小鳥遊"),
        "given": ("葵", "結衣", "紬", "咲良", "凛"),
    },
    "it": {
        "before": ("Sig.ra", "Signora", "Sig.ra", "Dott.ssa"),
        "surnames": ("Bellandri", "Castelvetri", "Morandella", "Ferrazzini", "Pietrabuona"),
        "given": ("Ginevra", "Ottavia", "Ludovica", "Costanza", "Benedetta"),
    },
    "es": {
        "before": ("Sra.", "señora", "Sra.", "doña"),
        "surnames": ("Valdeolmos", "Castrillejo", "Monteagudo", "Arrizabalo", "Peñaranda"),
        "given": ("Jimena", "Macarena", "Candela", "Covadonga", "Almudena"),
    },
    "de": {
        "before": ("Frau", "Frau", "Frau Dr."),
        "surnames": ("Wiesengrund", "Lindenhof", "Brockhagen", "Falkenried", "Ostermeier"),
        "given": ("Friederike", "Wiebke", "Henrike", "Adelheid", "Mathilde"),
    },
    "ar": {
        "before": ("السيدة", "السيدة", "الشيخة"),
        "surnames": ("القاسمي", "الرفاعي", "النجدي", "الحمادي", "الزرعوني"),
        "given": ("ريم", "شما", "لطيفة", "موزة", "نورة"),
    },
    "ru": {
        "before": ("госпожа", "г-жа", "г-жа"),
        "surnames": ("Кедрина", "Ясенева", "Белозерова", "Ольховская", "Зарецкая"),
        "given": ("Мирослава", "Василиса", "Евдокия", "Ярослава", "Глафира"),
    },
    "ko": {
        "after": ("고객님", "님", "고객님"),
        "surnames": ("한", "문", "서", "윤", "권"),
        "given": ("서윤", "지안", "하린", "수아", "예린"),
    },
    "pt": {
        "before": ("Sra.", "Dona", "Sra.", "Senhora"),
        "surnames": ("Valadares", "Sarmento", "Albuquerque", "Brandoa", "Quintela"),
        "given": ("Leonor", "Carlota", "Inês", "Benedita", "Matilde"),
    },
    "nl": {
        "before": ("mevrouw", "mevrouw", "mevr.", "mw."),
        "surnames": ("Wildervanck", "Oosterbeek", "Hoogendijk", "Zwanenburg", "Ravesteijn"),
        "given": ("Floor", "Fenna", "Maartje", "Sanne", "Lotte"),
    },
}

# ASCII e-mail local parts (invented); the domains are always example.com/.org/.net.
MAIL_NAMES = (
    "s.vernassol",
    "capucine.duclairac",
    "imogen.ashcombe",
    "r.pellingford",
    "gu.yutong",
    "minase.aoi",
    "ginevra.bellandri",
    "jimena.valdeolmos",
    "f.wiesengrund",
    "reem.alqasimi",
    "m.kedrina",
    "han.seoyun",
    "leonor.valadares",
    "floor.wildervanck",
)
MAIL_DOMAINS = ("example.com", "example.org", "example.net")

# Phone numbers: `#` is a random digit. Ranges reserved for fiction where they exist (France
# 01 99 00, the UK's 07700 900, the US 555-01xx, Australia's 0491 570); elsewhere obviously
# invented sequences (1234 5...) in the national format.
PHONES: dict[str, tuple[str, ...]] = {
    "fr": ("01 99 00 ## ##", "+33 1 99 00 ## ##", "01.99.00.##.##"),
    "en": ("07700 900###", "+44 7700 900###", "(212) 555-01##", "0491 570 ###"),
    "zh": ("138 0013 8###", "+86 139 1234 5###"),
    "ja": ("090-1234-5###", "03-1234-5###"),
    "it": ("+39 02 1234 5###", "333 123 4###"),
    "es": ("+34 612 345 ###", "612 34 5# ##"),
    "de": ("+49 30 1234 56##", "0170 1234 5###"),
    "ar": ("+971 50 123 4###", "+966 55 123 4###"),
    "ru": ("+7 495 123-45-##", "8 (916) 123-45-##"),
    "ko": ("010-1234-5###", "02-1234-5###"),
    "pt": ("+351 912 345 ###", "912 345 ###"),
    "nl": ("06 1234 5###", "+31 20 123 4###"),
}

# Street addresses in each country's order; `#` is a random digit. The street names are
# placeholders no city has (Example Street, Musterstraße is the German placeholder).
ADDRESSES: dict[str, tuple[str, ...]] = {
    "fr": ("## rue Imaginaire", "# avenue des Tilleuls Fictifs", "## bd de l'Exemple"),
    "en": ("## Example Street", "# Placeholder Lane", "## Fictional Road"),
    "zh": ("示例路##号", "虚构大道#号##室"),
    "ja": ("東京都架空区見本町#-#-##", "見本市例町#丁目#-#"),
    "it": ("via Esempio ##", "corso Immaginario #"),
    "es": ("calle Ejemplo ##", "avenida Ficticia #"),
    "de": ("Musterstraße ##", "Beispielweg #"),
    "ar": ("شارع المثال ##", "فيلا ## شارع الخيال"),
    "ru": ("ул. Примерная, д. ##", "пр-т Вымышленный, ##"),
    "ko": ("예시로 ##", "가상구 샘플길 #"),
    "pt": ("rua do Exemplo, ##", "avenida Fictícia ##"),
    "nl": ("Voorbeeldstraat ##", "Verzinlaan #"),
}
