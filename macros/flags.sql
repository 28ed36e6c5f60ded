{#- A yes/no cell as 0/1: 0, 1, true, false, yes, no (any case); null when blank or unreadable
    (the staging model tells the two apart by looking at the raw cell). -#}
{% macro parse_flag(column) -%}
    case lower(trim({{ column }}))
        when '1' then 1
        when 'true' then 1
        when 'yes' then 1
        when '0' then 0
        when 'false' then 0
        when 'no' then 0
    end
{%- endmacro %}
