{#- The raw CRM exports (source 'raw') on engines without the dbt-duckdb reader plugin. Run as
    an on-run-start hook: on DuckDB nothing (the plugin reads the files when a model renders the
    source); on Spark one table per source in schema raw_files, read with Spark's own readers,
    with the columns the plugin gives (source_file, source_line_number, malformed_error_type,
    _message, malformed_line_text, then every export column as text). The schema is dropped at
    the end of the run (dbt_project.yml) so that no unredacted note text stays behind. -#}
{% macro create_raw_sources() -%}
    {{ return(adapter.dispatch('create_raw_sources')()) }}
{%- endmacro %}

{% macro default__create_raw_sources() -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__create_raw_sources() -%}
    {%- if execute -%}
        {%- for node in graph.sources.values()
            if node.source_name == 'raw' and node.meta.get('plugin') == 'dbt_raw_source' -%}
            {%- do spark__create_raw_source(node.name, node.meta) -%}
        {%- endfor -%}
        {%- do spark__create_erased_clients() -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#- The right-to-erasure list (source privacy.erased_clients, read in place by DuckDB through
    external_location): the `erased_clients_file` CSV as a table, every column as text. -#}
{% macro spark__create_erased_clients() -%}
    {%- do run_query('create schema if not exists privacy') -%}
    {%- do run_query("create or replace temporary view erased_clients_file using csv options (path '"
        ~ spark__escape_string(var('erased_clients_file')) ~ "', header 'true', quote '\"', escape '\"')") -%}
    {%- do run_query('drop table if exists privacy.erased_clients') -%}
    {%- do run_query('create table privacy.erased_clients using parquet as select * from erased_clients_file') -%}
{%- endmacro %}

{#- The files of one source, as the reader's source_files finds them: <name>.<ext>,
    <name>_*.<ext> and <name>/*.<ext> for csv, tsv, txt and parquet, ordered by their path
    relative to the raw folder. Returns (absolute path, relative path) pairs. -#}
{% macro spark__raw_source_files(raw_dir, name) -%}
    {%- set user_dir = run_query(
        "select reflect('java.lang.System', 'getProperty', 'user.dir')").columns[0].values()[0] -%}
    {%- set folder = (raw_dir if raw_dir.startswith('/') else user_dir ~ '/' ~ raw_dir)
        | replace('/./', '/') -%}
    {%- set folder = folder[:-2] if folder.endswith('/.') else folder.rstrip('/') -%}
    {%- do run_query(
        "create or replace temporary view raw_folder_listing using binaryFile options (path '"
        ~ spark__escape_string(folder) ~ "', recursiveFileLookup 'true')") -%}
    {%- set found = [] -%}
    {%- for path in run_query("select path from raw_folder_listing").columns[0].values() -%}
        {%- set absolute = path[5:] if path.startswith('file:') else path -%}
        {%- set relative = absolute[(folder | length) + 1:] -%}
        {%- for extension in ['csv', 'tsv', 'txt', 'parquet'] -%}
            {%- set suffix = '.' ~ extension -%}
            {%- set stem = relative[:-(suffix | length)] -%}
            {%- if relative.endswith(suffix) and (
                    stem == name
                    or (stem.startswith(name ~ '_') and '/' not in stem)
                    or (stem.startswith(name ~ '/') and '/' not in stem[(name | length) + 1:]
                        and stem | length > (name | length) + 1)) -%}
                {%- do found.append((relative, absolute)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(found | sort) }}
{%- endmacro %}

{% macro spark__escape_string(text) -%}
    {{- return((text | string) | replace('\\', '\\\\') | replace("'", "\\'")) -}}
{%- endmacro %}

{#- A file's encoding as the reader detects it, as (Spark charset, whether its bytes are valid
    UTF-8): the raw_encoding var when set; else the byte-order mark (UTF-8, UTF-16LE/BE); else
    UTF-8 when the bytes are UTF-8, or when valid multi-byte sequences outnumber stray high
    bytes (a few bad lines in a UTF-8 export: those become malformed rows); else Windows-1252.
    The reader counts the stray bytes in the first 16 MB only; here the whole file. -#}
{% macro spark__raw_file_encoding(path, forced) -%}
    {%- set latin = "decode(content, 'ISO-8859-1')" -%}
    {%- set facts = run_query(
        "select hex(substring(content, 1, 3)), is_valid_utf8(cast(content as string)), "
        ~ "regexp_count(" ~ latin ~ ", '[\\\\x{c2}-\\\\x{df}][\\\\x{80}-\\\\x{bf}]"
        ~ "|[\\\\x{e0}-\\\\x{ef}][\\\\x{80}-\\\\x{bf}]{2}'), "
        ~ "regexp_count(" ~ latin ~ ", '[\\\\x{80}-\\\\x{ff}]') "
        ~ "from binaryFile.`" ~ path ~ "`").rows[0] -%}
    {%- set start, valid, multibyte, high = facts[0], facts[1], facts[2], facts[3] -%}
    {%- if forced -%}
        {%- set charsets = {'utf-8': 'UTF-8', 'utf-8-sig': 'UTF-8', 'utf-16': 'UTF-16',
            'cp1252': 'windows-1252', 'latin-1': 'ISO-8859-1', 'latin1': 'ISO-8859-1'} -%}
        {{ return((charsets.get(forced | lower, forced), valid)) }}
    {%- elif start.startswith('FFFE') -%} {{ return(('UTF-16LE', true)) }}
    {%- elif start.startswith('FEFF') -%} {{ return(('UTF-16BE', true)) }}
    {%- elif valid or multibyte * 2 >= high - multibyte -%} {{ return(('UTF-8', valid)) }}
    {%- else -%} {{ return(('windows-1252', true)) }}
    {%- endif -%}
{%- endmacro %}

{#- The header's fields matched to the expected names ignoring case and spaces, as the reader
    does; a required column missing stops the run naming the file. -#}
{% macro spark__raw_columns(header, required, optional, relative) -%}
    {%- set by_key = {} -%}
    {%- for name in required + optional -%}
        {%- do by_key.update({name | trim | lower: name}) -%}
    {%- endfor -%}
    {%- set columns = [] -%}
    {%- for field in header -%}
        {%- set cleaned = (field or '') | replace('\ufeff', '') | trim -%}
        {%- do columns.append(by_key.get(cleaned | lower, cleaned)) -%}
    {%- endfor -%}
    {%- set missing = required | reject('in', columns) | list -%}
    {%- if missing -%}
        {%- do exceptions.raise_compiler_error(
            relative ~ ': required column(s) ' ~ missing | join(', ')
            ~ ' missing from the header. Columns found: ' ~ columns | join(', ')
            ~ '. Columns expected: ' ~ required | join(', ')) -%}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}

{#- One source's table. Each CSV file is read on its own (its delimiter and encoding detected
    as the reader does, multiLine so that one file is one partition read in order), PERMISSIVE
    with a corrupt-record column: a line that does not split into the header's fields keeps its
    text there and becomes a malformed row, so rows in = kept + rejected holds. -#}
{% macro spark__create_raw_source(name, meta) -%}
    {%- set raw_dir = meta['raw_data_dir'] | string -%}
    {%- set required = meta.get('required_columns') or [] -%}
    {%- set optional = meta.get('optional_columns') or [] -%}
    {%- set files = spark__raw_source_files(raw_dir, name) -%}
    {%- if not files and (meta.get('required') | string | lower) == 'true' -%}
        {%- do exceptions.raise_compiler_error(
            'No ' ~ name ~ ' export in ' ~ raw_dir ~ ': expected ' ~ name ~ '.csv, ' ~ name
            ~ '_*.csv, ' ~ name ~ '/*.csv (or .tsv, .txt, .parquet)') -%}
    {%- endif -%}
    {%- set all_columns = required + optional -%}
    {%- set selects = [] -%}
    {%- for relative, path in files -%}
        {%- set view = 'raw_' ~ name ~ '_file_' ~ loop.index -%}
        {%- if path.endswith('.parquet') -%}
            {%- do run_query("create or replace temporary view " ~ view
                ~ " using parquet options (path '" ~ spark__escape_string(path) ~ "')") -%}
            {%- set header = run_query('select * from ' ~ view ~ ' limit 0').column_names -%}
            {%- set columns = spark__raw_columns(header, required, optional, relative) -%}
            {%- set fields = [] -%}
            {%- for column in columns -%}
                {%- do fields.append(
                    'cast(`' ~ header[loop.index0] ~ '` as string) as `' ~ column ~ '`') -%}
            {%- endfor -%}
            {%- set rows -%}
                select
                    null as malformed_error_type,
                    null as malformed_error_message,
                    null as malformed_line_text,
                    monotonically_increasing_id() as read_order,
                    {{ fields | join(', ') }}
                from {{ view }}
            {%- endset -%}
        {%- else -%}
            {%- set encoding, valid_bytes = spark__raw_file_encoding(path, meta.get('encoding')) -%}
            {%- set options = "path '" ~ spark__escape_string(path) ~ "', encoding '" ~ encoding
                ~ "', multiLine 'true', quote '\"', escape '\"', mode 'PERMISSIVE'" -%}
            {%- do run_query("create or replace temporary view " ~ view ~ "_lines using csv options ("
                ~ options ~ ", header 'false', sep '\\u0001')") -%}
            {%- set first = run_query('select * from ' ~ view ~ '_lines limit 1') -%}
            {%- set header_text = ((first.rows[0][0] if first.rows else '') or '')
                | replace('\ufeff', '') -%}
            {%- if not header_text | trim -%}
                {%- do exceptions.raise_compiler_error(relative ~ ': the file is empty (no header line)') -%}
            {%- endif -%}
            {%- set forced = (meta.get('delimiter') or '') | replace('\\t', '\t') -%}
            {%- set counts = [] -%}
            {%- for candidate in [',', ';', '\t', '|'] -%}
                {%- do counts.append((header_text.count(candidate), -loop.index, candidate)) -%}
            {%- endfor -%}
            {%- set best = (counts | sort | last) -%}
            {%- set delimiter = forced or (best[2] if best[0] else ',') -%}
            {%- set columns = spark__raw_columns(header_text.split(delimiter), required, optional, relative) -%}
            {%- set schema = [] -%}
            {%- for column in columns -%}
                {%- do schema.append('`raw_field_' ~ loop.index ~ '` string') -%}
            {%- endfor -%}
            {%- do run_query("create or replace temporary view " ~ view ~ " ("
                ~ schema | join(', ') ~ ", raw_corrupt_record string) using csv options ("
                ~ options ~ ", header 'true', enforceSchema 'true', sep '"
                ~ spark__escape_string(delimiter) ~ "', columnNameOfCorruptRecord 'raw_corrupt_record')") -%}
            {%- set fields = [] -%}
            {%- set header_match = [] -%}
            {%- for column in columns -%}
                {#- Spark reads an empty cell as null; the reader gives '' -#}
                {%- do fields.append("case when raw_corrupt_record is null then coalesce(raw_field_"
                    ~ loop.index ~ ", '') end as `" ~ column ~ "`") -%}
                {%- do header_match.append("raw_field_" ~ loop.index ~ " <=> '"
                    ~ spark__escape_string(header_text.split(delimiter)[loop.index0]) ~ "'") -%}
            {%- endfor -%}
            {%- set found_count = "size(split(raw_corrupt_record, '" ~ spark__escape_string(delimiter)
                ~ "', -1))" -%}
            {%- set rows -%}
                select
                    case
                        when raw_corrupt_record is null then null
                        when {{ found_count }} > {{ columns | length }} then 'TOO MANY COLUMNS'
                        when {{ found_count }} < {{ columns | length }} then 'MISSING COLUMNS'
                        else 'UNQUOTED VALUE'
                    end as malformed_error_type,
                    case
                        when raw_corrupt_record is null then null
                        when {{ found_count }} != {{ columns | length }}
                            then concat('Expected Number of Columns: {{ columns | length }} Found: ',
                                {{ found_count }})
                        else 'Quote or line break outside a quoted value'
                    end as malformed_error_message,
                    left(raw_corrupt_record, 2000) as malformed_line_text,
                    read_order,
                    {%- for column in columns %} raw_field_{{ loop.index }},{% endfor %}
                    {{ fields | join(', ') }}
                from (
                    select *, monotonically_increasing_id() as read_order from {{ view }}
                )
            {%- endset -%}
            {#- the header again (concatenated exports) is a malformed line, as in the reader;
                so is a line with bytes that are not UTF-8 in a UTF-8 file (Spark decodes them
                as U+FFFD) -#}
            {%- set repeated = header_match | join(' and ') -%}
            {%- set raw_line = [] -%}
            {%- for column in columns -%}
                {%- do raw_line.append('coalesce(raw_field_' ~ loop.index ~ ", '')") -%}
            {%- endfor -%}
            {%- set raw_line = "concat_ws('" ~ spark__escape_string(delimiter) ~ "', "
                ~ raw_line | join(', ') ~ ")" -%}
            {%- set undecodable = 'false' if valid_bytes or encoding != 'UTF-8'
                else "malformed_error_type is null and instr(" ~ raw_line ~ ", '\ufffd') > 0" -%}
            {%- set rows -%}
                select
                    case
                        when {{ repeated }} then 'REPEATED HEADER'
                        when {{ undecodable }} then 'INVALID ENCODING'
                        else malformed_error_type
                    end as malformed_error_type,
                    case
                        when {{ repeated }}
                            then 'The header line appears again (concatenated exports)'
                        when {{ undecodable }}
                            then 'Invalid byte sequence for the file\'s encoding'
                        else malformed_error_message
                    end as malformed_error_message,
                    case
                        when {{ repeated }} then '{{ spark__escape_string(header_text) }}'
                        when {{ undecodable }} then left({{ raw_line }}, 2000)
                        else malformed_line_text
                    end as malformed_line_text,
                    read_order,
                    {%- for column in columns %}
                    case when {{ repeated }} or {{ undecodable }} then null
                        else `{{ column }}` end as `{{ column }}`{{ ',' if not loop.last }}
                    {%- endfor %}
                from (
                    {{ rows }}
                ) as parsed
            {%- endset -%}
        {%- endif -%}
        {%- for column in columns if column not in all_columns -%}
            {%- do all_columns.append(column) -%}
        {%- endfor -%}
        {%- do selects.append((relative, columns, rows)) -%}
    {%- endfor -%}
    {%- set unions = [] -%}
    {%- for relative, columns, rows in selects -%}
        {%- set items = [] -%}
        {%- for column in all_columns -%}
            {%- do items.append(('`' ~ column ~ '`') if column in columns
                else ('cast(null as string) as `' ~ column ~ '`')) -%}
        {%- endfor -%}
        {%- set one -%}
            select
                '{{ spark__escape_string(relative) }}' as source_file,
                cast(row_number() over (order by read_order) + {{ 0 if relative.endswith('.parquet') else 1 }} as bigint)
                    as source_line_number,
                cast(malformed_error_type as string) as malformed_error_type,
                cast(malformed_error_message as string) as malformed_error_message,
                cast(malformed_line_text as string) as malformed_line_text,
                {{ items | join(', ') }}
            from ({{ rows }}) as file_rows
        {%- endset -%}
        {%- do unions.append(one) -%}
    {%- endfor -%}
    {%- if not unions -%}
        {%- set items = [] -%}
        {%- for column in all_columns -%}
            {%- do items.append('cast(null as string) as `' ~ column ~ '`') -%}
        {%- endfor -%}
        {%- set empty -%}
            select
                cast(null as string) as source_file,
                cast(null as bigint) as source_line_number,
                cast(null as string) as malformed_error_type,
                cast(null as string) as malformed_error_message,
                cast(null as string) as malformed_line_text,
                {{ items | join(', ') }}
            where false
        {%- endset -%}
        {%- do unions.append(empty) -%}
    {%- endif -%}
    {%- do run_query('drop table if exists raw_files.' ~ name) -%}
    {%- do run_query('create table raw_files.' ~ name ~ ' using parquet as '
        ~ unions | join(' union all ')) -%}
{%- endmacro %}
