{#- A yes/no cell as 0/1: 0/1, true/false, yes/no, y/n, oui/non, vrai/faux (any case); null
    when blank or unreadable (the staging model tells the two apart by looking at the raw cell). -#}
{% macro parse_flag(column) -%}
    case
        when lower(trim({{ column }})) in ('1', 'true', 't', 'yes', 'y', 'oui', 'vrai') then 1
        when lower(trim({{ column }})) in ('0', 'false', 'f', 'no', 'n', 'non', 'faux') then 0
    end
{%- endmacro %}
