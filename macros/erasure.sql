{#- `column`, or null for the rows of an erased client (the model's boolean `is_erased`), under
    the same name: erased rows stay counted (rows in = kept + rejected) but keep no values. -#}
{% macro null_if_erased(column) -%}
    case when not is_erased then {{ column }} end as {{ column }}
{%- endmacro %}
