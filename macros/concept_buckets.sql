{#- The nine concept buckets, in the order feature columns are laid out. -#}
{% macro concept_buckets() -%}
    {{ return(['intent', 'occasion', 'product', 'preference', 'constraint', 'lifestyle',
               'budget', 'sentiment', 'next_action']) }}
{%- endmacro %}
