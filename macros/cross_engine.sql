{#- SQL that differs between engines, written once per engine (ARCHITECTURE.md, principle 11).
    Models call these macros; `duckdb__` gives exactly the SQL the project always ran on DuckDB,
    `spark__` the Spark SQL equivalent. Patterns are written once, in RE2 syntax (DuckDB's),
    and translated for Java's regex engine by spark__regex_pattern. Lists are 1-based on both
    engines, as in DuckDB. -#}

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

{#- Aggregate: the value of `value` on the row where `ordering` is largest; `ordering` is one
    expression or a list of them (compared as a tuple). -#}
{% macro arg_max(value, ordering) -%}
    {{ return(adapter.dispatch('arg_max')(value, [ordering] if ordering is string else ordering)) }}
{%- endmacro %}

{% macro default__arg_max(value, ordering) -%}
    {%- if ordering | length == 1 -%}
        arg_max({{ value }}, {{ ordering[0] }})
    {%- else -%}
        arg_max({{ value }}, ({{ ordering | join(', ') }}))
    {%- endif -%}
{%- endmacro %}

{% macro spark__arg_max(value, ordering) -%}
    {#- one key bare: a struct of a null key is no null, and max_by skips only null keys -#}
    {%- if ordering | length == 1 -%}
        max_by({{ value }}, {{ ordering[0] }})
    {%- else -%}
        max_by({{ value }}, struct({{ ordering | join(', ') }}))
    {%- endif -%}
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
    ({{ numerator }}) // ({{ denominator }})
{%- endmacro %}

{% macro spark__int_divide(numerator, denominator) -%}
    (({{ numerator }}) div ({{ denominator }}))
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

{#- A date's month as YYYY-MM text: the first seven characters of date_iso. -#}
{% macro month_iso(expr) -%}
    substring({{ date_iso(expr) }}, 1, 7)
{%- endmacro %}

{#- Text without its marks: canonical decomposition, marks (Mn, Mc, Me) removed, recomposed, as
    DuckDB's strip_accents (utf8proc) does. Spark has no such function: ICU (bundled with
    Spark) decomposes and recomposes, a regex drops the marks. -#}
{% macro strip_accents_sql(expr) -%}
    {{ return(adapter.dispatch('strip_accents_sql')(expr)) }}
{%- endmacro %}

{% macro default__strip_accents_sql(expr) -%}
    strip_accents({{ expr }})
{%- endmacro %}

{% macro spark__strip_accents_sql(expr) -%}
    reflect(
        'com.ibm.icu.text.Normalizer', 'compose',
        regexp_replace(
            reflect('com.ibm.icu.text.Normalizer', 'decompose', {{ expr }}, false),
            r'\p{M}', ''
        ),
        false
    )
{%- endmacro %}

{#- `body` (an expression of `param`) applied to each element of `list`. -#}
{% macro list_transform_sql(list, param, body) -%}
    {{ return(adapter.dispatch('list_transform_sql')(list, param, body)) }}
{%- endmacro %}

{% macro default__list_transform_sql(list, param, body) -%}
    list_transform({{ list }}, lambda {{ param }}: {{ body }})
{%- endmacro %}

{% macro spark__list_transform_sql(list, param, body) -%}
    transform({{ list }}, {{ param }} -> {{ body }})
{%- endmacro %}

{#- The elements of `list` for which `condition` (an expression of `param`) is true. -#}
{% macro list_filter_sql(list, param, condition) -%}
    {{ return(adapter.dispatch('list_filter_sql')(list, param, condition)) }}
{%- endmacro %}

{% macro default__list_filter_sql(list, param, condition) -%}
    list_filter({{ list }}, lambda {{ param }}: {{ condition }})
{%- endmacro %}

{% macro spark__list_filter_sql(list, param, condition) -%}
    filter({{ list }}, {{ param }} -> {{ condition }})
{%- endmacro %}

{#- The element at 1-based `index`; null when the list is shorter. -#}
{% macro list_element_sql(list, index) -%}
    {{ return(adapter.dispatch('list_element_sql')(list, index)) }}
{%- endmacro %}

{% macro default__list_element_sql(list, index) -%}
    {{ list }}[{{ index }}]
{%- endmacro %}

{% macro spark__list_element_sql(list, index) -%}
    try_element_at({{ list }}, cast({{ index }} as int))
{%- endmacro %}

{#- Elements `start` to `stop` (1-based, inclusive); `stop` none: to the end. -#}
{% macro list_slice_sql(list, start, stop=none) -%}
    {{ return(adapter.dispatch('list_slice_sql')(list, start, stop)) }}
{%- endmacro %}

{% macro default__list_slice_sql(list, start, stop=none) -%}
    {{ list }}[{{ start }}:{{ stop if stop is not none else '' }}]
{%- endmacro %}

{% macro spark__list_slice_sql(list, start, stop=none) -%}
    {%- if stop is none -%}
        slice({{ list }}, {{ start }}, greatest(size({{ list }}), 1))
    {%- else -%}
        slice({{ list }}, {{ start }}, greatest(({{ stop }}) - ({{ start }}) + 1, 0))
    {%- endif -%}
{%- endmacro %}

{#- The number of elements of a list. -#}
{% macro list_length_sql(list) -%}
    {{ return(adapter.dispatch('list_length_sql')(list)) }}
{%- endmacro %}

{% macro default__list_length_sql(list) -%}
    len({{ list }})
{%- endmacro %}

{% macro spark__list_length_sql(list) -%}
    {#- bigint and null for null, as DuckDB's len (Spark's size may give -1 for null) -#}
    cast(case when {{ list }} is not null then size({{ list }}) end as bigint)
{%- endmacro %}

{#- The sum of a list of integers; null for an empty list, as DuckDB's list_sum. -#}
{% macro list_sum_sql(list) -%}
    {{ return(adapter.dispatch('list_sum_sql')(list)) }}
{%- endmacro %}

{% macro default__list_sum_sql(list) -%}
    list_sum({{ list }})
{%- endmacro %}

{% macro spark__list_sum_sql(list) -%}
    case
        when size({{ list }}) > 0
            then aggregate({{ list }}, cast(0 as bigint), (total, item) -> total + item)
    end
{%- endmacro %}

{#- Whether any element of a list of booleans is true. -#}
{% macro list_bool_or_sql(list) -%}
    {{ return(adapter.dispatch('list_bool_or_sql')(list)) }}
{%- endmacro %}

{% macro default__list_bool_or_sql(list) -%}
    list_bool_or({{ list }})
{%- endmacro %}

{% macro spark__list_bool_or_sql(list) -%}
    exists({{ list }}, item -> item)
{%- endmacro %}

{#- The integers from `start` up to, not including, `stop` (empty when stop <= start). -#}
{% macro int_range_sql(start, stop) -%}
    {{ return(adapter.dispatch('int_range_sql')(start, stop)) }}
{%- endmacro %}

{% macro default__int_range_sql(start, stop) -%}
    range({{ start }}, {{ stop }})
{%- endmacro %}

{% macro spark__int_range_sql(start, stop) -%}
    case
        when ({{ stop }}) > ({{ start }})
            then sequence(cast({{ start }} as int), cast({{ stop }} as int) - 1)
        else cast(array() as array<int>)
    end
{%- endmacro %}

{#- A list's elements joined by `separator` (nulls skipped). -#}
{% macro list_join_sql(list, separator) -%}
    {{ return(adapter.dispatch('list_join_sql')(list, separator)) }}
{%- endmacro %}

{% macro default__list_join_sql(list, separator) -%}
    array_to_string({{ list }}, {{ separator }})
{%- endmacro %}

{% macro spark__list_join_sql(list, separator) -%}
    array_join({{ list }}, {{ separator }})
{%- endmacro %}

{#- A list cast to a list of `element_type` (a SQL type name). -#}
{% macro cast_list_sql(list, element_type) -%}
    {{ return(adapter.dispatch('cast_list_sql')(list, element_type)) }}
{%- endmacro %}

{% macro default__cast_list_sql(list, element_type) -%}
    ({{ list }})::{{ element_type }}[]
{%- endmacro %}

{% macro spark__cast_list_sql(list, element_type) -%}
    cast({{ list }} as array<{{ element_type }}>)
{%- endmacro %}

{#- One row per list element, several lists side by side (the i-th elements on one row; a
    shorter list gives nulls). `pairs` is a list of [list expression, column alias]. Spark
    allows one generator per select: there the lists are zipped and inlined. -#}
{% macro unnest_lists(pairs) -%}
    {{ return(adapter.dispatch('unnest_lists')(pairs)) }}
{%- endmacro %}

{% macro default__unnest_lists(pairs) -%}
    {%- for pair in pairs %}
        unnest({{ pair[0] }}) as {{ pair[1] }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro spark__unnest_lists(pairs) -%}
    {%- if pairs | length == 1 -%}
        explode({{ pairs[0][0] }}) as {{ pairs[0][1] }}
    {%- else -%}
        inline(arrays_zip(
            {%- for pair in pairs %}
                {{ pair[0] }}{{ ',' if not loop.last }}
            {%- endfor %}
        )) as ({{ pairs | map(attribute=1) | join(', ') }})
    {%- endif -%}
{%- endmacro %}

{#- A number rounded to a whole number, as text with thousands separators ("12,345"). -#}
{% macro thousands_text(expr) -%}
    {{ return(adapter.dispatch('thousands_text')(expr)) }}
{%- endmacro %}

{% macro default__thousands_text(expr) -%}
    format('{:,.0f}', {{ expr }})
{%- endmacro %}

{% macro spark__thousands_text(expr) -%}
    format_number(cast({{ expr }} as double), 0)
{%- endmacro %}

{#- Whether `list` holds `value`. -#}
{% macro list_contains_sql(list, value) -%}
    {{ return(adapter.dispatch('list_contains_sql')(list, value)) }}
{%- endmacro %}

{% macro default__list_contains_sql(list, value) -%}
    list_contains({{ list }}, {{ value }})
{%- endmacro %}

{% macro spark__list_contains_sql(list, value) -%}
    array_contains({{ list }}, {{ value }})
{%- endmacro %}

{#- A string split at every occurrence of `delimiter` (a string literal, taken literally). -#}
{% macro string_split_sql(expr, delimiter) -%}
    {{ return(adapter.dispatch('string_split_sql')(expr, delimiter)) }}
{%- endmacro %}

{% macro default__string_split_sql(expr, delimiter) -%}
    string_split({{ expr }}, {{ delimiter }})
{%- endmacro %}

{% macro spark__string_split_sql(expr, delimiter) -%}
    split({{ expr }}, concat(r'\Q', {{ delimiter }}, r'\E'), -1)
{%- endmacro %}

{#- A list literal of the given expressions. -#}
{% macro list_of_sql(items) -%}
    {{ return(adapter.dispatch('list_of_sql')(items)) }}
{%- endmacro %}

{% macro default__list_of_sql(items) -%}
    [{{ items | join(', ') }}]
{%- endmacro %}

{% macro spark__list_of_sql(items) -%}
    array({{ items | join(', ') }})
{%- endmacro %}

{#- Aggregate: the group's rows as a list of structs, ordered by the fields in the order given.
    `fields` is a list of [name, expression]. -#}
{% macro struct_list_agg(fields) -%}
    {{ return(adapter.dispatch('struct_list_agg')(fields)) }}
{%- endmacro %}

{% macro default__struct_list_agg(fields) -%}
    list(
        struct_pack(
            {%- for field in fields %}
                {{ field[0] }} := {{ field[1] }}{{ ',' if not loop.last }}
            {%- endfor %}
        )
        order by {{ fields | map(attribute=1) | join(', ') }}
    )
{%- endmacro %}

{% macro spark__struct_list_agg(fields) -%}
    {#- structs compare field by field, in order -#}
    array_sort(collect_list(named_struct(
        {%- for field in fields %}
            '{{ field[0] }}', {{ field[1] }}{{ ',' if not loop.last }}
        {%- endfor %}
    )))
{%- endmacro %}

{#- The capture groups of the first match of `pattern` in `expr`, as a struct with the given
    field names ('' for a group that did not take part). -#}
{% macro regex_extract_groups(expr, pattern, names) -%}
    {{ return(adapter.dispatch('regex_extract_groups')(expr, pattern, names)) }}
{%- endmacro %}

{% macro default__regex_extract_groups(expr, pattern, names) -%}
    regexp_extract({{ expr }}, {{ regex_literal(pattern) }}, ['{{ names | join("', '") }}'])
{%- endmacro %}

{% macro spark__regex_extract_groups(expr, pattern, names) -%}
    named_struct(
        {%- for name in names %}
            '{{ name }}', regexp_extract({{ expr }}, {{ regex_literal(pattern) }}, {{ loop.index }})
            {{- ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#- Days from `start_date` to `end_date` (dates), as an integer. -#}
{% macro days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('days_between')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__days_between(start_date, end_date) -%}
    ({{ end_date }} - {{ start_date }})
{%- endmacro %}

{% macro spark__days_between(start_date, end_date) -%}
    {#- bigint, as DuckDB's date difference -#}
    cast(datediff({{ end_date }}, {{ start_date }}) as bigint)
{%- endmacro %}

{#- A date plus a number of days (a date; negative days go back). -#}
{% macro add_days(date_expr, days) -%}
    {{ return(adapter.dispatch('add_days')(date_expr, days)) }}
{%- endmacro %}

{% macro default__add_days(date_expr, days) -%}
    ({{ date_expr }} + {{ days }})
{%- endmacro %}

{% macro spark__add_days(date_expr, days) -%}
    date_add({{ date_expr }}, cast({{ days }} as int))
{%- endmacro %}

{#- A table of the integers from `start` up to, not including, `stop`, in column `column`. -#}
{% macro int_series_table(start, stop, alias, column) -%}
    {{ return(adapter.dispatch('int_series_table')(start, stop, alias, column)) }}
{%- endmacro %}

{% macro default__int_series_table(start, stop, alias, column) -%}
    range({{ start }}, {{ stop }}) as {{ alias }} ({{ column }})
{%- endmacro %}

{% macro spark__int_series_table(start, stop, alias, column) -%}
    (select id as {{ column }} from range({{ start }}, {{ stop }})) as {{ alias }}
{%- endmacro %}

{#- Aggregate: the group's values as a list, in no particular order. -#}
{% macro list_agg_sql(expr) -%}
    {{ return(adapter.dispatch('list_agg_sql')(expr)) }}
{%- endmacro %}

{% macro default__list_agg_sql(expr) -%}
    list({{ expr }})
{%- endmacro %}

{% macro spark__list_agg_sql(expr) -%}
    collect_list({{ expr }})
{%- endmacro %}

{#- A struct value; `fields` is a list of [name, expression]. -#}
{% macro struct_of_sql(fields) -%}
    {{ return(adapter.dispatch('struct_of_sql')(fields)) }}
{%- endmacro %}

{% macro default__struct_of_sql(fields) -%}
    struct_pack(
        {%- for field in fields %}
            {{ field[0] }} := {{ field[1] }}{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro spark__struct_of_sql(fields) -%}
    named_struct(
        {%- for field in fields %}
            '{{ field[0] }}', {{ field[1] }}{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#- The keys of an ordered aggregate, `order_by` a list of [expression, 'asc' | 'desc']. -#}
{% macro order_by_keys(order_by) -%}
    {%- for key in order_by %}{{ key[0] }} {{ key[1] }}{{ ', ' if not loop.last }}{% endfor -%}
{%- endmacro %}

{#- Aggregate: `value` of the group's rows joined by `separator` in the order of `order_by`, a
    list of [expression, 'asc' | 'desc']; `distinct` joins each value once (ordered by value).
    Spark has no ordered string_agg: the rows are collected and sorted with a comparator. -#}
{% macro string_agg_sorted(value, separator, order_by=none, distinct=false) -%}
    {{ return(adapter.dispatch('string_agg_sorted')(value, separator, order_by, distinct)) }}
{%- endmacro %}

{% macro default__string_agg_sorted(value, separator, order_by=none, distinct=false) -%}
    {%- if distinct -%}
        string_agg(distinct {{ value }}, {{ separator }} order by {{ value }})
    {%- else -%}
        string_agg(
            {{ value }}, {{ separator }}
            order by {{ order_by_keys(order_by) }}
        )
    {%- endif -%}
{%- endmacro %}

{% macro spark__string_agg_sorted(value, separator, order_by=none, distinct=false) -%}
    {#- null for a group without values, as string_agg -#}
    case when count({{ value }}) > 0 then
        array_join({{ spark__list_agg_sorted(value, order_by, distinct) }}, {{ separator }})
    end
{%- endmacro %}

{#- Aggregate: the group's `value`s as a list in the order of `order_by`, a list of
    [expression, 'asc' | 'desc']; `distinct` lists each value once (ordered by value). For
    values that are never null (Spark's collect_list leaves nulls out, DuckDB's list keeps
    them). Spark has no ordered aggregate: the rows are collected and sorted with a
    comparator. -#}
{% macro list_agg_sorted(value, order_by=none, distinct=false) -%}
    {{ return(adapter.dispatch('list_agg_sorted')(value, order_by, distinct)) }}
{%- endmacro %}

{% macro default__list_agg_sorted(value, order_by=none, distinct=false) -%}
    {%- if distinct -%}
        list(distinct {{ value }} order by {{ value }})
    {%- else -%}
        list(
            {{ value }}
            order by {{ order_by_keys(order_by) }}
        )
    {%- endif -%}
{%- endmacro %}

{% macro spark__list_agg_sorted(value, order_by=none, distinct=false) -%}
    {%- if distinct -%}
        array_sort(collect_set({{ value }}))
    {%- else -%}
        transform(
            array_sort(
                collect_list(case when {{ value }} is not null then named_struct(
                    {%- for key in order_by %}
                        'k{{ loop.index }}', {{ key[0] }},
                    {%- endfor %}
                    'value', {{ value }}
                ) end),
                (left_row, right_row) -> case
                    {%- for key in order_by %}
                        {%- set lower_first = -1 if key[1] == 'asc' else 1 %}
                        when left_row.k{{ loop.index }} < right_row.k{{ loop.index }}
                            then {{ lower_first }}
                        when left_row.k{{ loop.index }} > right_row.k{{ loop.index }}
                            then {{ -lower_first }}
                    {%- endfor %}
                    else 0
                end
            ),
            sorted_row -> sorted_row.value
        )
    {%- endif -%}
{%- endmacro %}

{#- Aggregate: the mean as a double. Spark averages decimals as decimals (rounded to six
    places); DuckDB's average of a decimal is a double, so Spark averages the doubles. -#}
{% macro avg_double(expr) -%}
    {{ return(adapter.dispatch('avg_double')(expr)) }}
{%- endmacro %}

{% macro default__avg_double(expr) -%}
    cast(avg({{ expr }}) as double)
{%- endmacro %}

{% macro spark__avg_double(expr) -%}
    avg(cast({{ expr }} as double))
{%- endmacro %}

{#- The list without duplicates (in no particular order). -#}
{% macro list_distinct_sql(list) -%}
    {{ return(adapter.dispatch('list_distinct_sql')(list)) }}
{%- endmacro %}

{% macro default__list_distinct_sql(list) -%}
    list_distinct({{ list }})
{%- endmacro %}

{% macro spark__list_distinct_sql(list) -%}
    array_distinct({{ list }})
{%- endmacro %}

{#- Two lists one after the other. -#}
{% macro list_concat_sql(left_list, right_list) -%}
    {{ return(adapter.dispatch('list_concat_sql')(left_list, right_list)) }}
{%- endmacro %}

{% macro default__list_concat_sql(left_list, right_list) -%}
    {{ left_list }}
    || {{ right_list }}
{%- endmacro %}

{% macro spark__list_concat_sql(left_list, right_list) -%}
    concat({{ left_list }}, {{ right_list }})
{%- endmacro %}

{#- A list of lists as one list. -#}
{% macro list_flatten_sql(list) -%}
    {{ return(adapter.dispatch('list_flatten_sql')(list)) }}
{%- endmacro %}

{% macro default__list_flatten_sql(list) -%}
    flatten({{ list }})
{%- endmacro %}

{% macro spark__list_flatten_sql(list) -%}
    flatten({{ list }})
{%- endmacro %}

{#- Aggregate: the `n` smallest values of the group, as a sorted list. -#}
{% macro min_n_sql(expr, n) -%}
    {{ return(adapter.dispatch('min_n_sql')(expr, n)) }}
{%- endmacro %}

{% macro default__min_n_sql(expr, n) -%}
    min({{ expr }}, {{ n }})
{%- endmacro %}

{% macro spark__min_n_sql(expr, n) -%}
    slice(array_sort(collect_list({{ expr }})), 1, {{ n }})
{%- endmacro %}

{#- Lower case, one character for one, as DuckDB's lower: Java turns a word-final capital
    sigma into the final form (ς), DuckDB always into σ. -#}
{% macro lower_sql(expr) -%}
    {{ return(adapter.dispatch('lower_sql')(expr)) }}
{%- endmacro %}

{% macro default__lower_sql(expr) -%}
    lower({{ expr }})
{%- endmacro %}

{% macro spark__lower_sql(expr) -%}
    lower(replace({{ expr }}, 'Σ', 'σ'))
{%- endmacro %}
