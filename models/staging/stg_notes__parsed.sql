-- Every row of the notes export, parsed, with the reason it cannot be used (null when it can).
-- stg_notes keeps the good rows and stg_notes_rejected the others, so rows in = kept + rejected.
-- Rows come from every notes file (see macros/raw_files.sql); a note ID in two files is taken
-- from the latest file and the older copies are rejected as superseded.
-- A blank language is detected from the text (script, then function words); a language that
-- is given but unknown ("XX") is rejected.
with

numbered as (
    {{ raw_export_rows('notes', 'date') }}
),

latin_words as (
    -- notes exported without a language: function words decide among Latin-script languages
    select
        numbered.source_row_number,
        {{ unnest_lists([[regex_extract_all(
            'lower(' ~ strip_accents('numbered.transcription') ~ ')', '\\p{Latin}+'), 'word']]) }}
    from numbered
    where nullif(trim(numbered.language), '') is null
),

latin_scores as (
    select
        latin_words.source_row_number,
        function_words.language,
        count(*) as hits
    from latin_words
    inner join {{ ref('language_function_words') }} as function_words
        on latin_words.word = function_words.word
    group by all
),

latin_guesses as (
    select
        source_row_number,
        {{ arg_max('language', 'hits') }} as language
    from latin_scores
    group by source_row_number
),

detected_languages as (
    -- non-Latin scripts identify the language; kana before Han, since Japanese uses both
    select
        numbered.source_row_number,
        case
            when {{ regex_matches('numbered.transcription', '[\\p{Hiragana}\\p{Katakana}]') }}
                then 'ja'
            when {{ regex_matches('numbered.transcription', '\\p{Hangul}') }} then 'ko'
            when {{ regex_matches('numbered.transcription', '\\p{Han}') }} then 'zh'
            when {{ regex_matches('numbered.transcription', '\\p{Cyrillic}') }} then 'ru'
            when {{ regex_matches('numbered.transcription', '\\p{Arabic}') }} then 'ar'
            else coalesce(latin_guesses.language, 'en')
        end as language
    from numbered
    left join latin_guesses
        on numbered.source_row_number = latin_guesses.source_row_number
    where nullif(trim(numbered.language), '') is null
),

parsed as (
    select
        numbered.source_row_number,
        nullif(trim(numbered.id), '') as note_id,
        coalesce(nullif(trim(numbered.client_id), ''), nullif(trim(numbered.id), ''))
            as client_id,
        numbered.source_file,
        numbered.source_line_number,
        numbered.file_order,
        numbered.malformed_error_type,
        numbered.malformed_error_message,
        numbered.malformed_line_text,
        numbered.date as raw_date,
        {{ parse_date('numbered.date', 'numbered.day_first') }} as note_date,
        {{ is_ambiguous_date('numbered.date', 'numbered.day_first') }} as is_ambiguous_date,
        try_cast({{ regex_extract('numbered.duration', '(\\d+)', 1) }} as integer)
            as duration_minutes,
        numbered.language as raw_language,
        coalesce(language_codes.language_code, detected_languages.language) as language,
        case
            when lower(trim(numbered.length)) in ('short', 'medium', 'long')
                then lower(trim(numbered.length))
        end as note_length,
        nullif(trim({{ nfc_normalize("coalesce(numbered.transcription, '')") }}), '') as note_text
    from numbered
    left join {{ ref('language_codes') }} as language_codes
        on {{ strip_accents('lower(trim(numbered.language))') }} = language_codes.language_input
    left join detected_languages
        on numbered.source_row_number = detected_languages.source_row_number
),

with_duplicates as (
    select
        *,
        -- latest file wins; within a file the first occurrence
        row_number() over (
            partition by note_id order by file_order desc, source_line_number asc
        ) as id_occurrence,
        max(file_order) over (partition by note_id) as latest_file_order,
        coalesce(
            {{ sha256_hex('client_id') }}
            in (select client_id_sha256 from {{ ref('stg_erased_clients') }}),
            false
        ) as is_erased
    from parsed
),

redacted as (
    {{ redact_rows('with_duplicates', 'source_row_number', '*', 'note_text', language='language') }}
)

select
    source_row_number,
    source_file,
    source_line_number,
    {{ null_if_erased('note_id') }},
    {{ null_if_erased('client_id') }},
    {{ null_if_erased('note_date') }},
    {{ null_if_erased('duration_minutes') }},
    {{ null_if_erased('language') }},
    {{ null_if_erased('note_length') }},
    {{ null_if_erased('raw_date') }},
    {{ null_if_erased('raw_language') }},
    malformed_error_type,
    malformed_error_message,
    malformed_line_text,
    case when not is_erased then redaction_text end as note_text,
    {%- for type in pii_types() %}
        case when not is_erased then redacted_{{ type }}_count else 0 end
            as redacted_{{ type }}_count,
    {%- endfor %}
    case
        when malformed_error_type is not null then 'malformed_line'
        when is_erased then 'erased_client'
        when note_id is null then 'missing_id'
        when file_order < latest_file_order then 'superseded'
        when id_occurrence > 1 then 'duplicate_id'
        when note_text is null then 'empty_text'
        when is_ambiguous_date then 'ambiguous_date'
        when note_date is null then 'unparseable_date'
        when language is null then 'unknown_language'
    end as reject_reason
from redacted
