{#- True when the optional raw file exists in `raw_data_dir`. At parse time (execute is false)
    it answers true so that dbt sees the full dependency graph. -#}
{% macro raw_file_exists(name) -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set path = var('raw_data_dir') ~ '/' ~ name ~ '.csv' -%}
    {%- set result = run_query("select count(*) from glob('" ~ path ~ "')") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- The rows of an optional raw export, numbered in file order; when the file is absent, an
    empty relation with the same (text) columns, so staging works either way. -#}
{% macro optional_raw_rows(name, columns) -%}
    {%- if raw_file_exists(name) -%}
        select
            row_number() over () as source_row_number,
            *
        from {{ source('raw', name) }}
    {%- else -%}
        select
            null::bigint as source_row_number,
            {%- for column in columns %}
                null::varchar as {{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
        where false
    {%- endif -%}
{%- endmacro %}
