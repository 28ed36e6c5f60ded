{#- The kinds a sentiment concept is counted as (seeds/sentiment_kinds.csv), in the order the
    feature columns are laid out: praise and complaints pull a score in opposite directions, so
    they are never added together. -#}
{% macro sentiment_kinds() -%}
    {{ return(['praise', 'complaint', 'hesitation']) }}
{%- endmacro %}

{#- The buckets counted as a whole; sentiment is counted by kind instead. -#}
{% macro counted_buckets() -%}
    {{ return(concept_buckets() | reject('equalto', 'sentiment') | list) }}
{%- endmacro %}
