{#- SQL that differs between engines, written once per engine (ARCHITECTURE.md, principle 11).
    Models call these macros; `duckdb__` gives exactly the SQL the project always ran on DuckDB,
    `spark__` the Spark SQL equivalent. Patterns are written once, in RE2 syntax (DuckDB's),
    and translated for Java's regex engine by spark__regex_pattern. -#}

{#- A regex pattern (RE2 syntax) as a SQL string literal. -#}
{% macro regex_literal(pattern) -%}
    {{ return(adapter.dispatch('regex_literal')(pattern)) }}
{%- endmacro %}

{% macro default__regex_literal(pattern) -%}
    '{{ pattern | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__regex_literal(pattern) -%}
    '{{ spark__escape_string(spark__regex_pattern(pattern)) }}'
{%- endmacro %}

{#- RE2 -> java.util.regex, for the constructs the project's patterns use:
    - Unicode scripts: RE2 \p{Cyrillic}, Java \p{IsCyrillic};
    - (?i) folds case over Unicode in RE2, over ASCII only in Java unless flag u is added;
    - \b is an ASCII word boundary in RE2 but Unicode-aware in Java: spelled out as lookarounds;
    - $ without (?m) is the very end in RE2, but also before a final line break in Java: \z.
    Not translated: \s also matches a vertical tab (\x0B) in Java, not in RE2. -#}
{% macro spark__regex_pattern(pattern) -%}
    {%- set text = namespace(value=pattern) -%}
    {%- for script in ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Han', 'Hiragana',
                       'Katakana', 'Hangul', 'Thai', 'Devanagari'] -%}
        {%- set text.value = text.value | replace('\\p{' ~ script ~ '}', '\\p{Is' ~ script ~ '}') -%}
    {%- endfor -%}
    {%- set boundary = '(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))' -%}
    {{ return(text.value | replace('(?i:', '(?iu:') | replace('(?i)', '(?iu)')
        | replace('\\b', boundary) | replace('$', '\\z')) }}
{%- endmacro %}

{#- A regexp_replace replacement: RE2's \1 is Java's $1 (and a literal $ needs escaping). -#}
{% macro spark__regex_replacement(replacement, shift=0) -%}
    {%- set text = namespace(value=replacement | replace('$', '\\$')) -%}
    {%- for group in range(9, 0, -1) -%}
        {%- set text.value = text.value | replace('\\' ~ group, '$' ~ (group + shift)) -%}
    {%- endfor -%}
    {{ return(text.value) }}
{%- endmacro %}

{#- Whether `expr` contains a match of `pattern` (anywhere). -#}
{% macro regex_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_matches')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expr, pattern) -%}
    regexp_matches({{ expr }}, {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_matches(expr, pattern) -%}
    ({{ expr }} rlike {{ regex_literal(pattern) }})
{%- endmacro %}

{#- Whether all of `expr` matches `pattern`. -#}
{% macro regex_full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_full_match(expr, pattern) -%}
    ({{ expr }} rlike {{ regex_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{#- Group `group` of the first match, '' when there is none (both engines). -#}
{% macro regex_extract(expr, pattern, group=0) -%}
    {{ return(adapter.dispatch('regex_extract')(expr, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expr, pattern, group=0) -%}
    regexp_extract({{ expr }}, {{ regex_literal(pattern) }}, {{ group }})
{%- endmacro %}

{% macro spark__regex_extract(expr, pattern, group=0) -%}
    regexp_extract({{ expr }}, {{ regex_literal(pattern) }}, {{ group }})
{%- endmacro %}

{#- Every match of `pattern` in `expr`, as a list. -#}
{% macro regex_extract_all(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_extract_all')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract_all(expr, pattern) -%}
    regexp_extract_all({{ expr }}, {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_extract_all(expr, pattern) -%}
    regexp_extract_all({{ expr }}, {{ regex_literal(pattern) }}, 0)
{%- endmacro %}

{#- `expr` with every match (all=true) or the first match of `pattern` replaced; `replacement`
    in RE2 syntax (\1 for a group). -#}
{% macro regex_replace(expr, pattern, replacement, all=true) -%}
    {{ return(adapter.dispatch('regex_replace')(expr, pattern, replacement, all)) }}
{%- endmacro %}

{% macro default__regex_replace(expr, pattern, replacement, all=true) -%}
    {%- if all -%}
        regexp_replace({{ expr }}, {{ regex_literal(pattern) }}, '{{ replacement }}', 'g')
    {%- else -%}
        regexp_replace({{ expr }}, {{ regex_literal(pattern) }}, '{{ replacement }}')
    {%- endif -%}
{%- endmacro %}

{% macro spark__regex_replace(expr, pattern, replacement, all=true) -%}
    {%- if all -%}
        regexp_replace({{ expr }}, {{ regex_literal(pattern) }},
            '{{ spark__escape_string(spark__regex_replacement(replacement)) }}')
    {%- else -%}
        {#- Spark replaces every match: the first alone is the shortest prefix, kept, then it -#}
        regexp_replace({{ expr }}, {{ regex_literal('(?s)^(.*?)(?:' ~ pattern ~ ')') }},
            '{{ spark__escape_string("$1" ~ spark__regex_replacement(replacement, 1)) }}')
    {%- endif -%}
{%- endmacro %}

{#- Text without diacritics (é -> e), as DuckDB's strip_accents (utf8proc: decompose, drop
    the marks). Spark has no such function, and a Java call (reflect) is non-deterministic for
    Spark, which then refuses it in a join condition: there a translate() of the precomposed
    letters (Latin, Greek, Cyrillic) to their base letter, generated from the Unicode
    decompositions, which also deletes the combining marks U+0300-U+036F. Letters without a
    decomposition (ø, ł, æ) stay, as in DuckDB. -#}
{% macro strip_accents(expr) -%}
    {{ return(adapter.dispatch('strip_accents')(expr)) }}
{%- endmacro %}

{% macro default__strip_accents(expr) -%}
    strip_accents({{ expr }})
{%- endmacro %}

{% macro spark__strip_accents(expr) -%}
    translate({{ expr }}, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳʹ;΅Ά·ΈΉΊΌΎΏΐΪΫάέήίΰϊϋόύώϓϔЀЁЃЇЌЍЎЙйѐёѓїќѝўѶѷӁӂӐӑӒӓӖӗӚӛӜӝӞӟӢӣӤӥӦӧӪӫӬӭӮӯӰӱӲӳӴӵӸӹḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹἀἁἂἃἄἅἆἇἈἉἊἋἌἍἎἏἐἑἒἓἔἕἘἙἚἛἜἝἠἡἢἣἤἥἦἧἨἩἪἫἬἭἮἯἰἱἲἳἴἵἶἷἸἹἺἻἼἽἾἿὀὁὂὃὄὅὈὉὊὋὌὍὐὑὒὓὔὕὖὗὙὛὝὟὠὡὢὣὤὥὦὧὨὩὪὫὬὭὮὯὰάὲέὴήὶίὸόὺύὼώᾀᾁᾂᾃᾄᾅᾆᾇᾈᾉᾊᾋᾌᾍᾎᾏᾐᾑᾒᾓᾔᾕᾖᾗᾘᾙᾚᾛᾜᾝᾞᾟᾠᾡᾢᾣᾤᾥᾦᾧᾨᾩᾪᾫᾬᾭᾮᾯᾰᾱᾲᾳᾴᾶᾷᾸᾹᾺΆᾼι῁ῂῃῄῆῇῈΈῊΉῌ῍῎῏ῐῑῒΐῖῗῘῙῚΊ῝῞῟ῠῡῢΰῤῥῦῧῨῩῪΎῬ῭΅`ῲῳῴῶῷῸΌῺΏῼ´̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡', 'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaÆæGgKkOoOoƷʒjGgNnAaÆæØøAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyʹ;¨Α·ΕΗΙΟΥΩιΙΥαεηιυιυουωϒϒЕЕГІКИУИиеегікиуѴѵЖжАаАаЕеӘәЖжЗзИиИиОоӨөЭэУуУуУуЧчЫыAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyſAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYyααααααααΑΑΑΑΑΑΑΑεεεεεεΕΕΕΕΕΕηηηηηηηηΗΗΗΗΗΗΗΗιιιιιιιιΙΙΙΙΙΙΙΙοοοοοοΟΟΟΟΟΟυυυυυυυυΥΥΥΥωωωωωωωωΩΩΩΩΩΩΩΩααεεηηιιοουυωωααααααααΑΑΑΑΑΑΑΑηηηηηηηηΗΗΗΗΗΗΗΗωωωωωωωωΩΩΩΩΩΩΩΩαααααααΑΑΑΑΑι¨ηηηηηΕΕΗΗΗ᾿᾿᾿ιιιιιιΙΙΙΙ῾῾῾υυυυρρυυΥΥΥΥΡ¨¨`ωωωωωΟΟΩΩΩ´')
{%- endmacro %}

{#- Unicode NFC; on Spark ICU4J's Normalizer.compose (shipped with Spark for collations). -#}
{% macro nfc_normalize(expr) -%}
    {{ return(adapter.dispatch('nfc_normalize')(expr)) }}
{%- endmacro %}

{% macro default__nfc_normalize(expr) -%}
    nfc_normalize({{ expr }})
{%- endmacro %}

{% macro spark__nfc_normalize(expr) -%}
    case when {{ expr }} is not null
        then reflect('com.ibm.icu.text.Normalizer', 'compose', {{ expr }}, false) end
{%- endmacro %}

{#- sha256 of text as lower-case hex. -#}
{% macro sha256_hex(expr) -%}
    {{ return(adapter.dispatch('sha256_hex')(expr)) }}
{%- endmacro %}

{% macro default__sha256_hex(expr) -%}
    sha256({{ expr }})
{%- endmacro %}

{% macro spark__sha256_hex(expr) -%}
    sha2({{ expr }}, 256)
{%- endmacro %}

{#- The value of `expr` on the row with the largest `ordering` in the group. -#}
{% macro arg_max(expr, ordering) -%}
    {{ return(adapter.dispatch('arg_max')(expr, ordering)) }}
{%- endmacro %}

{% macro default__arg_max(expr, ordering) -%}
    arg_max({{ expr }}, {{ ordering }})
{%- endmacro %}

{% macro spark__arg_max(expr, ordering) -%}
    max_by({{ expr }}, {{ ordering }})
{%- endmacro %}

{#- One output row per element of a list (in a select list). -#}
{% macro unnest_list(expr) -%}
    {{ return(adapter.dispatch('unnest_list')(expr)) }}
{%- endmacro %}

{% macro default__unnest_list(expr) -%}
    unnest({{ expr }})
{%- endmacro %}

{% macro spark__unnest_list(expr) -%}
    explode({{ expr }})
{%- endmacro %}

{#- `relation.*` without some columns. -#}
{% macro star_except(relation, columns) -%}
    {{ return(adapter.dispatch('star_except')(relation, columns)) }}
{%- endmacro %}

{% macro default__star_except(relation, columns) -%}
    {{ relation }}.* exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(relation, columns) -%}
    {{ relation }}.* except ({{ columns | join(', ') }})
{%- endmacro %}

{#- A date from year, month and day, null when they make no date (31 February). -#}
{% macro try_make_date(year, month, day) -%}
    {{ return(adapter.dispatch('try_make_date')(year, month, day)) }}
{%- endmacro %}

{% macro default__try_make_date(year, month, day) -%}
    try(make_date({{ year }}, {{ month }}, {{ day }}))
{%- endmacro %}

{% macro spark__try_make_date(year, month, day) -%}
    to_date(try_make_timestamp_ntz({{ year }}, {{ month }}, {{ day }}, 0, 0, 0))
{%- endmacro %}

{#- Integer division rounding toward zero... as DuckDB's // does for the non-negative counts
    the project divides. -#}
{% macro int_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('int_divide')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__int_divide(numerator, denominator) -%}
    {{ numerator }} // {{ denominator }}
{%- endmacro %}

{% macro spark__int_divide(numerator, denominator) -%}
    {{ numerator }} div {{ denominator }}
{%- endmacro %}

{#- An aggregate: the map key -> value over the group's rows, keys in ascending order. -#}
{% macro sorted_map_agg(key, value) -%}
    {{ return(adapter.dispatch('sorted_map_agg')(key, value)) }}
{%- endmacro %}

{% macro default__sorted_map_agg(key, value) -%}
    map(
            list({{ key }} order by {{ key }}),
            list({{ value }} order by {{ key }})
        )
{%- endmacro %}

{% macro spark__sorted_map_agg(key, value) -%}
    map_from_entries(array_sort(collect_list(struct({{ key }}, {{ value }}))))
{%- endmacro %}

{#- An empty map of the given key and value types. -#}
{% macro empty_map(key_type, value_type) -%}
    {{ return(adapter.dispatch('empty_map')(key_type, value_type)) }}
{%- endmacro %}

{% macro default__empty_map(key_type, value_type) -%}
    map()
{%- endmacro %}

{% macro spark__empty_map(key_type, value_type) -%}
    cast(map() as map<{{ key_type }}, {{ value_type }}>)
{%- endmacro %}

{#- A date as YYYY-MM-DD text. -#}
{% macro date_iso(expr) -%}
    {{ return(adapter.dispatch('date_iso')(expr)) }}
{%- endmacro %}

{% macro default__date_iso(expr) -%}
    strftime({{ expr }}, '%Y-%m-%d')
{%- endmacro %}

{% macro spark__date_iso(expr) -%}
    date_format({{ expr }}, 'yyyy-MM-dd')
{%- endmacro %}
