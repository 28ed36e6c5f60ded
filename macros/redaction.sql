{#- Direct identifiers in note text and their placeholders, applied in this order (a more
    specific pattern first: an IBAN or a date of birth would otherwise be read as a phone).
    Each entry: type, RE2 pattern, replacement; patterns that keep a context word (an
    honorific, "né le", "passport") capture it as group 1 and put it back.
    The entry of type 'digit_identifiers' is not a pattern: it calls the Python UDF
    `redact_digit_identifiers` (client_intelligence/redaction: libphonenumber with the note's
    language as the region hint, check digits of the national identity numbers, Luhn for
    cards), registered on dbt's connection by the dbt-duckdb plugin in profiles.yml. The entry
    of type 'names' calls the UDF `redact_names` (names written without an honorific, found
    with lists of given names and surnames: client_intelligence/redaction/names.py) for the
    notes `name_candidate_gate()` lets through. -#}
{% macro pii_patterns() -%}
    {%- set word = "\\p{Lu}[\\p{L}'’\\-]*" -%}
    {%- set particle = "(?:de|du|des|d'|la|le|van|von|der|den|ter|di|da|del|della|do|dos|das|bin|ibn|al|el|zu|y)" -%}
    {%- set name = "(?:" ~ particle ~ "\\s+)*" ~ word ~ "(?:[ \\-](?:" ~ particle ~ "\\s+)*" ~ word ~ "){0,2}" -%}
    {%- set honorific = "(?i:madame|mme|mmes|mademoiselle|mlle|monsieur|m\\.|messieurs|mr\\.?|mrs\\.?|ms\\.?|miss|mx\\.?|sir|madam|mister|lady|docteur|doctor|dr\\.?|dra\\.?|professeur|professor|prof\\.?|pr\\.|ma[iî]tre|signora|signor|signore|signorina|sig\\.ra|sig\\.na|sig\\.?|sigra|dott\\.ssa|dott\\.?|dottore|dottoressa|dr\\.ssa|prof\\.ssa|avv\\.?|ing\\.|arch\\.|señora|señor|senor|senora|señorita|senorita|sr\\.?|sra\\.?|srta\\.?|don|doña|dona|dña\\.?|d\\.|herr|frau|fräulein|hr\\.|fr\\.|dipl\\.-ing\\.|senhora|senhor|doutora?|meneer|mevrouw|mevr\\.?|mw\\.|dhr\\.?|de heer|juffrouw|sheikha?|shaikha?|господин|госпожа|г-н|г-жа)" -%}
    {%- set cyrillic_word = "\\p{Lu}[\\p{Cyrillic}\\-]+" -%}
    {%- set month = "(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|se?tiembre|octubre|noviembre|diciembre|januar|jänner|februar|märz|juni|juli|oktober|dezember|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|januari|februari|maart|mei|augustus|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)" -%}
    {%- set date = "(?:\\d{1,2}\\s?[./-]\\s?\\d{1,2}\\s?[./-]\\s?(?:19|20)?\\d{2}|(?:19|20)\\d{2}\\s?[./-]\\s?\\d{1,2}\\s?[./-]\\s?\\d{1,2}|\\d{1,2}(?:er|º|°)?\\.?\\s+(?:de\\s+)?" ~ month ~ "\\.?,?\\s+(?:de\\s+)?(?:19|20)\\d{2}|" ~ month ~ "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}|(?:19|20)\\d{2}\\s?[年년]\\s?\\d{1,2}\\s?[月월]\\s?\\d{1,2}\\s?[日일]?|\\d{1,2}\\s?[月월]\\s?\\d{1,2}\\s?[日일]|\\d{1,2}(?:er)?\\.?\\s+(?:de\\s+)?" ~ month ~ "|\\d{1,2}[./]\\d{1,2}|(?:19|20)\\d{2})" -%}
    {%- set birth_word = "(?:^|[^\\p{L}])(?i:née?|nés|nées|nee|née le|born|b\\.|dob|d\\.o\\.b\\.?|date of birth|birthday|b-day|bday|nat[oa]|data di nascita|compleanno|nacid[oa]|fecha de nacimiento|f\\. ?nac\\.?|cumpleaños|cumple|compie|geboren|geb\\.|geburtsdatum|geburtstag|nascid[oa]|data de nascimento|aniversário|geboortedatum|verjaardag|родил(?:ся|ась)|д\\.\\s?р\\.|дата рождения|день рождения|др)|ولد|ولدت|مواليد|تاريخ الميلاد|عيد ميلاد|出生|生日|生年月日|誕生日|생년월일|생일|출생" -%}
    {%- set street_latin = "(?i:rue|avenue|av\\.|ave\\.?|boulevard|bd|blvd\\.?|place|pl\\.|quai|chemin|allée|allee|impasse|route|cours|square|faubourg|fbg|street|st\\.|road|rd\\.|lane|via|viale|v\\.le|piazza|p\\.zza|piazzale|corso|largo|vicolo|calle|c/|avenida|avda\\.?|plaza|paseo|camino|rua|r\\.|praça|praca|travessa|alameda|estrada|straße|strasse|str\\.|weg|platz|allee|gasse|straat|laan|plein|gracht|kade|singel)" -%}
    {%- set street_cyrillic = "(?i:ул\\.|улица|улице|пр-т|пр\\.|просп\\.|проспект|пер\\.|переулок|бульвар|б-р|наб\\.|набережная|шоссе|пл\\.|площадь)" -%}
    {%- set ko_surname = "[김이박최정강조윤장임한오서신권황안송류유전홍문양손배백허남심노하곽성차주우구민진나지엄채천방공현함변염여추도소석설마길연위표명기반왕금옥육인맹제탁국은편용예경봉]" -%}
    {{ return([
        ('email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '[EMAIL]'),
        ('iban', '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b', '[IBAN]'),
        ('passport', '((?:^|[^\\p{L}])(?i:passports?|загранпаспорт[а-я]*|passeport|passaporto|pasaporte|reisepass|pass-?nr\\.?|passaporte|paspoort|паспорт[а-я]*|جواز(?: السفر)?|护照|護照|旅券|パスポート|여권)[^\\n\\d]{0,20}?)((?i:(?:[A-Z]{1,3}[ -]?)?\\d[A-Z0-9]{4,9})|\\d{2} ?\\d{2} ?\\d{6}|\\d{2} \\d{7})', '\\1[PASSPORT]'),
        ('dob', '(' ~ birth_word ~ ')([^\\n\\d]{0,25}?)' ~ date, '\\1\\2[DOB]'),
        ('dob', date ~ '(\\s?(?:年?生まれ|に生まれ|出生|生|출생|생))', '[DOB]\\1'),
        ('digit_identifiers', none, none),
        ('card', '\\b\\d{4}(?:[ -]?\\d{4}){2}[ -]?\\d{1,7}\\b', '[CARD]'),
        ('phone', '(?:\\+|\\b00)\\d{1,3}[ .-]?(?:\\(?\\d{1,4}\\)?[ .-]?){2,5}\\d{2,4}\\b', '[PHONE]'),
        ('address', '\\b\\d{1,5}(?:\\s?(?i:bis|ter|quater)|[A-Za-z])?,?\\s+' ~ street_latin ~ '(?:\\s+[\\p{L}\'’.\\-]+){1,3}', '[ADDRESS]'),
        ('address', '\\b\\d{1,5}[A-Za-z]?\\s+(?:' ~ word ~ '\\s+){1,3}(?i:street|st\\.?|avenue|ave\\.?|road|rd\\.?|lane|ln\\.?|drive|boulevard|blvd\\.?|place|square|court|terrace|way|crescent|close|gardens|mews|row|parkway)(?:[^\\p{L}]|$)', '[ADDRESS]'),
        ('address', '\\b[\\p{L}][\\p{L}\\-]*(?i:straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|straat|laan|plein|gracht|kade|singel|dijk|steeg|markt)\\s*\\d{1,4}(?:\\s?-?\\s?\\d{1,3})?\\s?[a-zA-Z]?\\b', '[ADDRESS]'),
        ('address', '(?:' ~ word ~ '\\s+){1,3}(?i:straße|strasse|str\\.|weg|platz|allee|gasse)\\s*\\d{1,4}[a-z]?\\b', '[ADDRESS]'),
        ('address', '(^|[^\\p{L}])(?i:via|viale|v\\.le|piazza|p\\.zza|piazzale|corso|largo|vicolo|calle|c/|avenida|avda\\.?|av\\.|plaza|paseo|camino|rua|r\\.|praça|praca|travessa|alameda|estrada|avenue|rue|boulevard)\\s+(?:[\\p{L}\'’.\\-]+\\s+){0,4}[\\p{L}\'’.\\-]+,?\\s*(?:n[º°.]?\\s*)?\\d{1,5}(?:\\s?-\\s?\\d{1,4})?\\b', '\\1[ADDRESS]'),
        ('address', '(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Unter den|Zum|Zur|Laan van|Laan|Plein|Kade)\\s+(?:' ~ particle ~ '\\s+)?\\p{Lu}[\\p{L}\\-]+(?:\\s\\p{Lu}[\\p{L}\\-]+)?\\s+\\d{1,4}[a-z]?\\b', '[ADDRESS]'),
        ('address', street_cyrillic ~ '\\s*(?:[\\p{Cyrillic}\\-.]+\\s*){1,3},?\\s*(?:(?i:д\\.|дом)\\s*)?\\d{1,4}(?:\\s*[,/]?\\s*(?i:кв\\.|корп\\.|стр\\.)?\\s*\\d{1,4})*', '[ADDRESS]'),
        ('address', cyrillic_word ~ '(?:\\s+' ~ cyrillic_word ~ ')?\\s+' ~ street_cyrillic ~ ',?\\s*(?:(?i:д\\.|дом)\\s*)?\\d{1,4}', '[ADDRESS]'),
        ('address', '(?:شارع|طريق|حي|فيلا|مبنى|برج|شقة)\\s+\\p{Arabic}+(?:\\s+\\p{Arabic}+){0,2}(?:،?\\s*\\d{1,5})?', '[ADDRESS]'),
        ('address', '(?i:villa|apt\\.?|apartment|flat|building|tower|bldg\\.?)\\s*\\d{1,5}[A-Za-z]?,?\\s+(?:(?:street|st\\.?|road)\\s*\\d{1,4}|' ~ word ~ '(?:\\s+' ~ word ~ '){0,2})', '[ADDRESS]'),
        ('address', '[\\p{Han}\\p{Katakana}ー]{0,12}(?:路|街|大道|巷|弄|胡同)\\s?\\d+\\s?[号號](?:\\s?\\d+\\s?[室楼層层号])*', '[ADDRESS]'),
        ('address', '[\\p{Han}\\p{Katakana}ー]{0,10}[都道府県市区町村][\\p{Han}\\p{Katakana}ー]{0,8}\\s?\\d{1,4}\\s?(?:丁目|[-－‐])\\s?\\d{1,4}(?:\\s?(?:番地?|[-－‐])\\s?\\d{1,4})?(?:\\s?号)?', '[ADDRESS]'),
        ('address', '[\\p{Han}\\p{Katakana}ー]{1,10}\\d{1,4}\\s?番地?(?:\\s?\\d{1,4}\\s?号)?', '[ADDRESS]'),
        ('address', '(?:\\p{Hangul}+(?:특별시|광역시|시|도|구|군)\\s+)*\\p{Hangul}+(?:로|길|대로)\\s?\\d{1,4}(?:\\s?-\\s?\\d{1,4})?(?:번길\\s?\\d{1,4})?(\\s|,|$|[^\\d만천원억개년월일시분])', '[ADDRESS]\\1'),
        ('address', '\\p{Hangul}+동\\s?\\d{1,4}(?:-\\d{1,4})?\\s?번지', '[ADDRESS]'),
        ('postcode', '\\b\\d{4}-\\d{3}\\b|\\b\\d{5}-\\d{3}\\b|〒\\s?\\d{3}-?\\d{4}|\\b\\d{3}-\\d{4}\\b', '[POSTCODE]'),
        ('postcode', '\\b\\d{5} [\\p{Lu}][\\p{L}-]+|\\b[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}\\b|\\b\\d{4} ?[A-Z]{2}\\b|\\b[A-Z]{2} \\d{5}(?:-\\d{4})?\\b', '[POSTCODE]'),
        ('postcode', '(\\[ADDRESS\\][,\\s]+(?:[^\\s,]{1,8}[,\\s]+)?)\\d{4,6}\\b', '\\1[POSTCODE]'),
        ('postcode', '\\b\\d{6},?\\s+(?:г\\.\\s?)?\\p{Lu}\\p{Cyrillic}+|(?:邮编|郵便番号|우편번호|индекс|(?i:postcode|post code|zip|cap|cep|code postal|plz))[:：\\s]*\\d{4,6}', '[POSTCODE]'),
        ('name', '((?:^|[^\\p{L}])' ~ honorific ~ '(?:\\s+' ~ honorific ~ '){0,2}\\s+)' ~ name, '\\1[NAME]'),
        ('name', '((?:^|[^\\p{L}])(?i:with|avec|met|client|cliente|clientes|kunde|kundin|klant|rdv|rdv avec|appointment with|meeting with|rendez-vous avec|con|com|mit|incontro con|spoke to|spoke with|called|named|visited by|visite de|visita de|nom|nome|se llama|heißt|chamad[oa]|genaamd)\\s+(?:\\p{Ll}+\\s+)?)' ~ word ~ '(?:[ \\-](?:' ~ particle ~ '\\s+)*' ~ word ~ '){1,2}', '\\1[NAME]'),
        ('name', '((?:^|[^\\p{L}])(?i:господин|госпожа|г-н|г-жа|с|со|клиент|клиентка|клиентом|клиенткой|встреча с)\\s+)' ~ cyrillic_word ~ '(?:\\s+' ~ cyrillic_word ~ '){0,2}', '\\1[NAME]'),
        ('name', '((?:السيد|السيدة|الشيخ|الشيخة|الأستاذ|الأستاذة|الدكتور|الدكتورة|سمو|معالي)(?:\\s+(?:الشيخ|الشيخة|الدكتور|الدكتورة))*\\s+)\\p{Arabic}+(?:\\s+(?:بن|بنت|ابن|آل|أبو|ابو)\\s+\\p{Arabic}+)*(?:\\s+ال\\p{Arabic}+)?', '\\1[NAME]'),
        ('name', '((?:العميل|العميلة|الزبون|الزبونة)\\s+)\\p{Arabic}+\\s+\\p{Arabic}+', '\\1[NAME]'),
        ('name', '\\p{Han}{1,3}(先生|女士|小姐|太太|夫人)', '[NAME]\\1'),
        ('name', '((?:先生|女士|小姐|太太|夫人|様|さん|고객님|님)\\s?[（(])[\\p{Han}\\p{Katakana}\\p{Hangul}ー・]{2,8}([）)])', '\\1[NAME]\\2'),
        ('name', '((?:客户|顾客|客人|VIP)[：:\\s]?)[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧]\\p{Han}{1,2}', '\\1[NAME]'),
        ('name', '(?:(?:\\p{Han}{2,4}|[\\p{Katakana}ー・]{2,8})\\p{Hiragana}{0,3}|' ~ word ~ '(?:\\s' ~ word ~ ')?)\\s?(様|さま|さん|氏|殿|くん|ちゃん)', '[NAME]\\1'),
        ('name', '(?:' ~ ko_surname ~ '\\p{Hangul}{1,3}|' ~ word ~ '(?:\\s' ~ word ~ ')?)\\s?(고객님|님|씨|고객|사모님|여사님)', '[NAME]\\1'),
        ('names', none, none),
    ]) }}
{%- endmacro %}

{#- Notes that may hold a name without an honorific; only these reach the Python name finder.
    Two capitalised words in a row (Latin, Cyrillic), a lower-case word after a meeting phrase,
    an Arabic word before a family name, or a CJK/Hangul surname before a visit or call word. -#}
{% macro name_candidate_gate() -%}
    {%- set ko_surname = "[김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부]" -%}
    {{ return("\\p{Lu}[\\p{L}'’\\-]+ (?:\\p{Ll}{1,4} ){0,2}\\p{Lu}"
        ~ "|(?i:with|w/|avec|con|com|mit|met|vu|vi|с|от|appel de|visite de|llamada de|звонок от|встреча с) \\p{L}"
        ~ "|\\p{Arabic}{2,}\\s+(?:ال|بن |بنت |آل )\\p{Arabic}"
        ~ "|\\p{Han}{2,4}(?:来店|来访|到店|到访|光临|通话|电话|来电|致电|见面|面谈|今天|昨天|今日|上午|下午|早上|晚上|中午|周末|预约)"
        ~ "|\\p{Han}{2,5}\\p{Hiragana}{0,3}\\s?(?:と|が|は|より|から)?(?:の)?(?:お|ご)?(?:打ち合わせ|打合せ|面談|電話|通話|会食|食事|商談|相談|来店|来訪|来社|連絡|ご主人|ご家族|奥様|お嬢様|ご友人|お母様|ご一緒|ご夫婦)"
        ~ "|" ~ ko_surname ~ "\\p{Hangul}{1,3}(?:\\s|,|$)") }}
{%- endmacro %}

{#- Text with at least 7 digits close together: only these reach the digit-identifier finder. -#}
{% macro digit_candidate_gate() -%}
    (?:\d\D{0,3}){7}
{%- endmacro %}

{% macro pii_types() -%}
    {{ return(['email', 'iban', 'card', 'phone', 'national_id', 'passport', 'dob', 'address',
               'postcode', 'name']) }}
{%- endmacro %}

{#- Select-list items that redact `expr` step by step (DuckDB lets each item use the previous
    one): `<prefix>_text` is the redacted text and `redacted_<type>_count` the number of
    identifiers of each type, counted as the placeholders `[<TYPE>]` the steps added (one regex
    pass per pattern instead of two). `language` (an expression, optional) is the region hint
    for phone numbers; without it every market's plan is tried. Only text with at least 7
    digits close together goes to Python. With the `redact_pii` var false the text passes
    through and the counts are 0. -#}
{% macro redaction_columns(expr, prefix='redaction', language=none) -%}
    {%- set patterns = pii_patterns() if var('redact_pii') else [] -%}
    {%- set first = prefix ~ '_step_0' -%}
    {%- set last = prefix ~ '_step_' ~ (patterns | length) -%}
    {{ expr }} as {{ first }},
    {%- for type, pattern, replacement in patterns %}
        {%- set step = prefix ~ '_step_' ~ loop.index %}
        {%- set previous = prefix ~ '_step_' ~ loop.index0 %}
        {%- if type == 'names' %}
            case
                when {{ regex_matches(previous, name_candidate_gate()) }}
                    then redact_names({{ previous }}, {{ language or 'null::varchar' }})
                else {{ previous }}
            end as {{ step }},
        {%- elif type == 'digit_identifiers' %}
            case
                when {{ regex_matches(previous, digit_candidate_gate()) }}
                    then redact_digit_identifiers({{ previous }}, {{ language or 'null::varchar' }})
                else {{ previous }}
            end as {{ step }},
        {%- else %}
            {{ regex_replace(previous, pattern, replacement) }} as {{ step }},
        {%- endif %}
    {%- endfor %}
    {%- for type in pii_types() %}
        {%- set placeholder = '[' ~ (type | upper) ~ ']' %}
        coalesce(
            (length({{ last }}) - length(replace({{ last }}, '{{ placeholder }}', '')))
            // {{ placeholder | length }}
            - (length({{ first }}) - length(replace({{ first }}, '{{ placeholder }}', '')))
            // {{ placeholder | length }},
            0
        ) as redacted_{{ type }}_count,
    {%- endfor %}
    {{ last }} as {{ prefix }}_text
{%- endmacro %}

{#- `select <columns>, <redaction_columns(expr, ...)> from <relation> [where <where>]`: the
    rows of `relation` with `expr` redacted, keyed by `key` (unique per row). A whole query
    rather than select items because Spark cannot call the Python finders inside an
    expression: there each Python step is a script transform over the rows that need it. -#}
{% macro redact_rows(relation, key, columns, expr, prefix='redaction', language=none, where=none) -%}
    {{ return(adapter.dispatch('redact_rows')(relation, key, columns, expr, prefix, language, where)) }}
{%- endmacro %}

{% macro default__redact_rows(relation, key, columns, expr, prefix, language, where) -%}
    select
            {{ columns }},
            {{ redaction_columns(expr, prefix, language) }}
        from {{ relation }}
        {%- if where %}
        where {{ where }}
        {%- endif %}
{%- endmacro %}

{#- Spark: the regex steps between two Python steps as one nested expression; a Python step
    sends (key, text, language) of the rows its gate lets through to
    `python -m client_intelligence.redaction.script_transform <finder>` (as hex, so that tabs
    and line breaks in notes survive the transform's line format; Spark's base64 breaks lines) and joins the result back.
    Only the text before the first step, before each Python step and after the last one is a
    column. The interpreter: var `spark_python`, else $PYSPARK_PYTHON, else python3. -#}
{% macro spark__redact_rows(relation, key, columns, expr, prefix, language, where) -%}
    {%- set patterns = pii_patterns() if var('redact_pii') else [] -%}
    {%- set python = var('spark_python', env_var('PYSPARK_PYTHON', 'python3')) -%}
    {%- set first = prefix ~ '_step_0' -%}
    {%- set last = prefix ~ '_step_' ~ (patterns | length) -%}
    {#- blocks: (regex steps, Python step type or none, name of the block's result) -#}
    {%- set blocks = [] -%}
    {%- set steps = [] -%}
    {%- for type, pattern, replacement in patterns -%}
        {%- if type in ('names', 'digit_identifiers') -%}
            {%- do blocks.append((steps | list, type, prefix ~ '_step_' ~ loop.index0, prefix ~ '_step_' ~ loop.index)) -%}
            {%- do steps.clear() -%}
        {%- else -%}
            {%- do steps.append((pattern, replacement)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do blocks.append((steps | list, none, last, none)) -%}
    {%- set counts = [] -%}
    {%- for type in pii_types() -%}
        {%- set placeholder = '[' ~ (type | upper) ~ ']' -%}
        {%- do counts.append('coalesce('
            ~ int_divide('(length(' ~ last ~ ') - length(replace(' ~ last ~ ", '" ~ placeholder ~ "', '')))", placeholder | length)
            ~ ' - ' ~ int_divide('(length(' ~ first ~ ') - length(replace(' ~ first ~ ", '" ~ placeholder ~ "', '')))", placeholder | length)
            ~ ', 0) as redacted_' ~ type ~ '_count') -%}
    {%- endfor -%}
    with {{ prefix }}_block_0 as (
        select
            *
            {%- if blocks[0][2] != first %},
            {{ spark__redaction_chain(first, blocks[0][0]) }} as {{ blocks[0][2] }}
            {%- endif %}
        from (
            select
                {{ columns }},
                {{ key }} as {{ prefix }}_key,
                {{ language or 'cast(null as string)' }} as {{ prefix }}_language,
                {{ expr }} as {{ first }}
            from {{ relation }}
            {%- if where %}
            where {{ where }}
            {%- endif %}
        ) as {{ prefix }}_input
    )
    {%- for steps, type, previous, step in blocks if type is not none %}
        {%- set source = prefix ~ '_block_' ~ loop.index0 %}
        {%- set gate = name_candidate_gate() if type == 'names' else digit_candidate_gate() %}
        {%- set finder = 'names' if type == 'names' else 'digits' %}
        {%- set following = blocks[loop.index] %},

    {{ prefix }}_found_{{ loop.index }} as (
        select transform(
            {{ source }}.{{ prefix }}_key,
            hex(encode({{ source }}.{{ previous }}, 'UTF-8')),
            coalesce({{ source }}.{{ prefix }}_language, '')
        )
            using '{{ python }} -m client_intelligence.redaction.script_transform {{ finder }}'
            as ({{ prefix }}_key string, {{ prefix }}_found string)
        from {{ source }}
        where {{ regex_matches(source ~ '.' ~ previous, gate) }}
    ),

    {{ prefix }}_block_{{ loop.index }} as (
        select
            *
            {%- if following[2] != step %},
            {{ spark__redaction_chain(step, following[0]) }} as {{ following[2] }}
            {%- endif %}
        from (
            select
                {{ source }}.*,
                coalesce(
                    decode(unhex({{ prefix }}_found_{{ loop.index }}.{{ prefix }}_found), 'UTF-8'),
                    {{ source }}.{{ previous }}
                ) as {{ step }}
            from {{ source }}
            left join {{ prefix }}_found_{{ loop.index }}
                on cast({{ source }}.{{ prefix }}_key as string) = {{ prefix }}_found_{{ loop.index }}.{{ prefix }}_key
        ) as {{ prefix }}_joined_{{ loop.index }}
    )
    {%- endfor %}

    select
        *,
        {{ counts | join(',\n        ') }},
        {{ last }} as {{ prefix }}_text
    from {{ prefix }}_block_{{ blocks | length - 1 }}
{%- endmacro %}

{#- `expr` through each (pattern, replacement) step in turn, as one nested expression. -#}
{% macro spark__redaction_chain(expr, steps) -%}
    {%- set chain = namespace(sql=expr) -%}
    {%- for pattern, replacement in steps -%}
        {%- set chain.sql = regex_replace(chain.sql, pattern, replacement) -%}
    {%- endfor -%}
    {{ return(chain.sql) }}
{%- endmacro %}
