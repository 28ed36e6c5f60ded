-- Each client's concept mentions by month and bucket, up to the profile date (negated mentions
-- left out): the client panel's timeline. Counts and concept labels only, never the words
-- matched or the note; a special-category concept (the sensitive_concepts seed) is named only
-- by its category.
with

mentions as (
    select
        mentions.client_id,
        {{ month_iso('mentions.note_date') }} as calendar_month,
        mentions.bucket,
        coalesce(
            {{ sensitive_concept_name('sensitive.category') }}, concepts.label
        ) as concept_label
    from {{ ref('int_client_concept_mentions') }} as mentions
    inner join {{ ref('concepts') }} as concepts
        on mentions.concept_id = concepts.concept_id
    left join {{ ref('sensitive_concepts') }} as sensitive
        on mentions.concept_id = sensitive.concept_id
)

select
    client_id,
    calendar_month,
    bucket,
    count(*) as mentions,
    {{ list_agg_sorted('concept_label', distinct=true) }} as concepts
from mentions
group by client_id, calendar_month, bucket
