{#- One parser per kind of raw value, shared by the three staging models. -#}

{% macro _time_suffix() -%}
    (?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC)?)?
{%- endmacro %}

{% macro _year_first_pattern() -%}
    (\d{4})[-/.](\d{1,2})[-/.](\d{1,2}){{ _time_suffix() }}
{%- endmacro %}

{% macro _year_last_pattern() -%}
    (\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}){{ _time_suffix() }}
{%- endmacro %}

{#- Whether a file writes day before month (true), month before day (false) or cannot tell
    (null), as an aggregate over the file's date cells: the `date_order` var when set
    ('day_first' / 'month_first'), else evidence: a first part above 12 means day-first, a
    second part above 12 month-first; both, or neither, cannot tell. -#}
{% macro file_day_first(expr) -%}
    {%- set order = var('date_order', 'auto') -%}
    {%- if order == 'day_first' -%} true
    {%- elif order == 'month_first' -%} false
    {%- else -%}
        {%- set year_last = '^' ~ _year_last_pattern() ~ '$' -%}
        {%- set first = 'try_cast(' ~ regex_extract('trim(' ~ expr ~ ')', year_last, 1) ~ ' as integer)' -%}
        {%- set second = 'try_cast(' ~ regex_extract('trim(' ~ expr ~ ')', year_last, 3) ~ ' as integer)' -%}
        case
            when coalesce(bool_or({{ first }} > 12), false) and not coalesce(bool_or({{ second }} > 12), false) then true
            when coalesce(bool_or({{ second }} > 12), false) and not coalesce(bool_or({{ first }} > 12), false) then false
        end
    {%- endif -%}
{%- endmacro %}

{#- A date from ISO (2026-03-14), YYYY/MM/DD, DD.MM.YYYY (always day first) and DD/MM/YYYY or
    MM/DD/YYYY (settled by `day_first`, a boolean SQL expression, null when unknown), each with
    or without a time. With day_first unknown a date is read only when its parts cannot be
    swapped (a part above 12, or day = month); otherwise null, never a guess. -#}
{% macro parse_date(expr, day_first='null') -%}
    {%- set value = 'trim(' ~ expr ~ ')' -%}
    {%- set year_first = '^' ~ _year_first_pattern() ~ '$' -%}
    {%- set year_last = '^' ~ _year_last_pattern() ~ '$' -%}
    {%- set first = 'try_cast(' ~ regex_extract(value, year_last, 1) ~ ' as integer)' -%}
    {%- set second = 'try_cast(' ~ regex_extract(value, year_last, 3) ~ ' as integer)' -%}
    {%- set year = 'try_cast(' ~ regex_extract(value, year_last, 4) ~ ' as integer)' -%}
    (case
        when {{ regex_matches(value, year_first) }}
            then {{ try_make_date(
                'try_cast(' ~ regex_extract(value, year_first, 1) ~ ' as integer)',
                'try_cast(' ~ regex_extract(value, year_first, 2) ~ ' as integer)',
                'try_cast(' ~ regex_extract(value, year_first, 3) ~ ' as integer)') }}
        when not {{ regex_matches(value, year_last) }} then null
        when {{ regex_extract(value, year_last, 2) }} = '.' or ({{ day_first }})
            then {{ try_make_date(year, second, first) }}
        when not ({{ day_first }}) then {{ try_make_date(year, first, second) }}
        when {{ first }} > 12 or {{ first }} = {{ second }}
            then {{ try_make_date(year, second, first) }}
        when {{ second }} > 12 then {{ try_make_date(year, first, second) }}
    end)
{%- endmacro %}

{#- True when `expr` is a DD/MM vs MM/DD date that parse_date leaves unread because the file
    does not say which comes first. -#}
{% macro is_ambiguous_date(expr, day_first='null') -%}
    {%- set value = 'trim(' ~ expr ~ ')' -%}
    {%- set year_last = '^' ~ _year_last_pattern() ~ '$' -%}
    coalesce(
        ({{ day_first }}) is null
        and {{ regex_extract(value, year_last, 2) }} in ('/', '-')
        and try_cast({{ regex_extract(value, year_last, 1) }} as integer) <= 12
        and try_cast({{ regex_extract(value, year_last, 3) }} as integer) <= 12
        and try_cast({{ regex_extract(value, year_last, 1) }} as integer)
        != try_cast({{ regex_extract(value, year_last, 3) }} as integer),
        false
    )
{%- endmacro %}

{#- An amount in euros as decimal(14, 2) from 1234.56, 1 234,56, 1.234,56, 1,234.56, €1,500,
    1500 EUR, -12,50. The last of ',' and '.' is the decimal mark when both appear; a lone ','
    or '.' followed by exactly three digits, in groups, is a thousands separator ("1,500",
    "1.500.000"), except a single '.' group ("1.500" is 1.5). Null when unreadable. -#}
{% macro parse_amount(expr) -%}
    {%- set unit_removed = regex_replace('trim(' ~ expr ~ ')', _currency_pattern(), '', all=false) -%}
    {%- set bare = regex_replace(unit_removed, _amount_spaces_pattern(), '') -%}
    try_cast(
        case
            when {{ regex_full_match(bare, '-?\\d{1,3}(?:\\.\\d{3})+,\\d+') }} then replace(replace({{ bare }}, '.', ''), ',', '.')
            when {{ regex_full_match(bare, '-?\\d{1,3}(?:,\\d{3})+\\.\\d+') }} then replace({{ bare }}, ',', '')
            when {{ regex_full_match(bare, '-?\\d{1,3}(?:,\\d{3})+') }} then replace({{ bare }}, ',', '')
            when {{ regex_full_match(bare, '-?\\d{1,3}(?:\\.\\d{3}){2,}') }} then replace({{ bare }}, '.', '')
            when {{ regex_full_match(bare, '-?\\d+,\\d+') }} then replace({{ bare }}, ',', '.')
            when {{ regex_full_match(bare, '-?\\d+(?:\\.\\d+)?') }} then {{ bare }}
        end
        as decimal(14, 2)
    )
{%- endmacro %}

{#- A currency sign or word before or after an amount. -#}
{% macro _currency_pattern() -%}
    (?i)^(?:€|eur)\s*|\s*(?:€|eur|euros?)$
{%- endmacro %}

{#- Spaces, no-break spaces and apostrophes used as thousands separators. -#}
{% macro _amount_spaces_pattern() -%}
    [\s\x{00a0}\x{202f}']
{%- endmacro %}
