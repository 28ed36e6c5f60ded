{#- How prediction_history keeps one row per prediction_id across runs, and none of an erased
    client. DuckDB: delete+insert on prediction_id, then a delete of the erased clients'
    rows. Spark's file tables (parquet: no Delta or Iceberg here) have no delete, so a run
    appends and the post-hook rewrites the table: the newest row of each prediction_id, less
    the erased clients, through a side table (Spark cannot overwrite a table it reads). That
    rewrite reads the whole history once per run. -#}
{% macro prediction_history_strategy() -%}
    {{ return(adapter.dispatch('prediction_history_strategy')()) }}
{%- endmacro %}

{% macro default__prediction_history_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__prediction_history_strategy() -%}
    {{ return('append') }}
{%- endmacro %}

{#- The post-hook of prediction_history (`erased` is stg_erased_clients). -#}
{% macro keep_prediction_history(relation, erased) -%}
    {{ return(adapter.dispatch('keep_prediction_history')(relation, erased)) }}
{%- endmacro %}

{% macro default__keep_prediction_history(relation, erased) -%}
    delete from {{ relation }} where {{ sha256_hex('client_id') }} in
        (select client_id_sha256 from {{ erased }})
{%- endmacro %}

{% macro spark__keep_prediction_history(relation, erased) -%}
    {%- set side = relation.incorporate(path={'identifier': relation.identifier ~ '__kept'}) -%}
    {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | join(', ') -%}
    {%- do run_query('drop table if exists ' ~ side) -%}
    {%- do run_query(
        'create table ' ~ side ~ ' using parquet as select ' ~ columns ~ ' from ('
        ~ ' select *, row_number() over (partition by prediction_id order by scored_at desc)'
        ~ ' as arrival from ' ~ relation ~ ') as runs where arrival = 1 and '
        ~ sha256_hex('client_id') ~ ' not in (select client_id_sha256 from ' ~ erased ~ ')'
    ) -%}
    {%- do run_query('insert overwrite table ' ~ relation ~ ' select * from ' ~ side) -%}
    {%- do run_query('drop table ' ~ side) -%}
    select 1
{%- endmacro %}
