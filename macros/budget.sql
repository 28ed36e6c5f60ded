{#- Budget expressions as advisors write them, on case- and accent-folded text:
    "budget 3-4k", "budget around 5k", "€1500", "10-20k", "presupuesto alrededor de 10-20k",
    "预算3-4万欧元", "1 500 €". Amounts are taken as euros. Groups: keyword, currency before,
    amount, multiplier, currency before the upper amount, upper amount, its multiplier,
    currency after. -#}
{% macro budget_pattern() -%}
    {%- set keyword = 'budget|presupuesto|orcamento|бюджет|ميزانية|预算|予算|예산' -%}
    {%- set amount = '\d{1,3}(?:[  .,]\d{3})+|\d+(?:[.,]\d+)?' -%}
    {%- set multiplier = 'k\\b|千|万|천|만|тыс|mil\\b|الف|ألف' -%}
    {%- set currency = '€|eur(?:os?)?\\b|евро|يورو|欧元|ユーロ|유로' -%}
    {%- set range_word = '-|–|—|~|〜|to|a|bis|tot|ate|до|الى|إلى|至|から' -%}
    (?:({{ keyword }})[^\d€]{0,25}?)?({{ currency }})?\s*({{ amount }})\s*({{ multiplier }})?(?:\s*(?:{{ range_word }})\s*({{ currency }})?\s*({{ amount }})\s*({{ multiplier }})?)?\s*({{ currency }})?
{%- endmacro %}

{#- Euros from an amount string and its multiplier. "1 500" and "10.000" are thousands
    separators (three digits after), "1,5" and "1.5" decimals. -#}
{% macro budget_amount_eur(amount, multiplier) -%}
    (
        case
            when {{ regex_full_match(amount, '\d{1,3}(?:[  .,]\d{3})+') }}
                then try_cast({{ regex_replace(amount, '[  .,]', '') }} as double)
            else try_cast(replace({{ amount }}, ',', '.') as double)
        end
        * case
            when {{ multiplier }} in ('万', '만') then 10000
            when {{ multiplier }} != '' then 1000
            else 1
        end
    )
{%- endmacro %}
