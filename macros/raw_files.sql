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
