{#- Every row of a raw export as the reader (client_intelligence/raw_reader.py, through the
    dbt-duckdb plugin) gives it: its file, line, the export's columns as text, and for a
    malformed line the error and the line's text, redacted here (it can hold personal data).
    `source_row_number` numbers the rows over all files; `file_order` ranks the files (by path,
    so date-stamped daily drops in time: the highest is the latest); `day_first` says how the
    file writes `date_column` (see file_day_first). -#}
{% macro raw_export_rows(name, date_column) -%}
    with

    numbered as (
        select
            row_number() over (order by source_file, source_line_number) as source_row_number,
            dense_rank() over (order by source_file) as file_order,
            *
        from {{ source('raw', name) }}
    ),

    malformed as (
        {{ redact_rows(
            'numbered', 'source_row_number', 'source_row_number', 'malformed_line_text',
            'malformed', where='malformed_error_type is not null') }}
    ),

    file_date_orders as (
        select
            source_file,
            {{ file_day_first(date_column) }} as day_first
        from numbered
        group by source_file
    )

    select
        {{ star_except('numbered', ['malformed_line_text']) }},
        malformed.malformed_text as malformed_line_text,
        file_date_orders.day_first
    from numbered
    left join malformed
        on numbered.source_row_number = malformed.source_row_number
    left join file_date_orders
        on numbered.source_file = file_date_orders.source_file
{%- endmacro %}
