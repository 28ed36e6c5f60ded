-- What staging redacted from note text, by identifier type and note language. Counts only:
-- the redacted values themselves are stored nowhere.
with

counts as (
    select
        language,
        {%- for type in pii_types() %}
            sum(redacted_{{ type }}_count) as {{ type }}_count,
            count(case when redacted_{{ type }}_count > 0 then 1 end) as {{ type }}_notes,
        {%- endfor %}
        count(*) as notes
    from {{ ref('stg_notes__parsed') }}
    where reject_reason is null
    group by language
),

by_type as (
    {%- for type in pii_types() %}
        select
            language,
            '{{ type }}' as identifier_type,
            {{ type }}_count as identifiers_redacted,
            {{ type }}_notes as notes_with_identifier,
            notes as notes_in_language
        from counts
        {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select
    language || ':' || identifier_type as audit_id,
    language,
    identifier_type,
    identifiers_redacted,
    notes_with_identifier,
    notes_in_language
from by_type
