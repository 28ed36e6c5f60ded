-- Every row of the notes export, parsed, with the reason it cannot be used (null when it can).
-- stg_notes keeps the good rows and stg_notes_rejected the others, so rows in = kept + rejected.
-- A blank language is detected from the text (script, then function words); a language that
-- is given but unknown ("XX") is rejected.
with

source_rows as (
    -- union by name with an empty typed row makes the optional client_id column always exist
    select *
    from {{ source('raw', 'notes') }}
    union all by name
    select null::varchar as client_id
    where false
),

numbered as (
    select
        row_number() over () as source_row_number,
        *
    from source_rows
),

latin_words as (
    -- notes exported without a language: function words decide among Latin-script languages
    select
        numbered.source_row_number,
        unnest(regexp_extract_all(lower(strip_accents(numbered.transcription)), '\p{Latin}+'))
            as word
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
        arg_max(language, hits) as language
    from latin_scores
    group by source_row_number
),

detected_languages as (
    -- non-Latin scripts identify the language; kana before Han, since Japanese uses both
    select
        numbered.source_row_number,
        case
            when regexp_matches(numbered.transcription, '[\p{Hiragana}\p{Katakana}]') then 'ja'
            when regexp_matches(numbered.transcription, '\p{Hangul}') then 'ko'
            when regexp_matches(numbered.transcription, '\p{Han}') then 'zh'
            when regexp_matches(numbered.transcription, '\p{Cyrillic}') then 'ru'
            when regexp_matches(numbered.transcription, '\p{Arabic}') then 'ar'
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
        numbered.date as raw_date,
        coalesce(
            try_strptime(trim(numbered.date), '%Y-%m-%d'),
            try_strptime(trim(numbered.date), '%d/%m/%Y'),
            try_strptime(trim(numbered.date), '%Y/%m/%d'),
            try_strptime(trim(numbered.date), '%d.%m.%Y'),
            try_strptime(trim(numbered.date), '%Y-%m-%d %H:%M:%S')
        )::date as note_date,
        try_cast(regexp_extract(numbered.duration, '(\d+)', 1) as integer) as duration_minutes,
        numbered.language as raw_language,
        coalesce(language_codes.language_code, detected_languages.language) as language,
        case
            when lower(trim(numbered.length)) in ('short', 'medium', 'long')
                then lower(trim(numbered.length))
        end as note_length,
        nullif(trim(nfc_normalize(coalesce(numbered.transcription, ''))), '') as note_text
    from numbered
    left join {{ ref('language_codes') }} as language_codes
        on strip_accents(lower(trim(numbered.language))) = language_codes.language_input
    left join detected_languages
        on numbered.source_row_number = detected_languages.source_row_number
),

with_duplicates as (
    select
        *,
        row_number() over (partition by note_id order by source_row_number) as id_occurrence,
        sha256(client_id) in (select client_id_sha256 from {{ ref('stg_erased_clients') }})
            as is_erased
    from parsed
),

redacted as (
    select
        *,
        {{ redaction_columns('note_text', language='language') }}
    from with_duplicates
)

-- Rows of erased clients stay counted (rows in = kept + rejected) but keep none of their values.
select
    source_row_number,
    case when not is_erased then note_id end as note_id,
    case when not is_erased then client_id end as client_id,
    case when not is_erased then note_date end as note_date,
    case when not is_erased then duration_minutes end as duration_minutes,
    case when not is_erased then language end as language,
    case when not is_erased then note_length end as note_length,
    case when not is_erased then redaction_text end as note_text,
    case when not is_erased then raw_date end as raw_date,
    case when not is_erased then raw_language end as raw_language,
    {%- for type in pii_types() %}
        case when not is_erased then redacted_{{ type }}_count else 0 end
            as redacted_{{ type }}_count,
    {%- endfor %}
    case
        when is_erased then 'erased_client'
        when note_id is null then 'missing_id'
        when id_occurrence > 1 then 'duplicate_id'
        when note_text is null then 'empty_text'
        when note_date is null then 'unparseable_date'
        when language is null then 'unknown_language'
    end as reject_reason
from redacted
