-- Every concept the scored clients mention (as interests: negated mentions are left out), most
-- mentioned first: the top ones are the page's chart, the others the audience filter's choices
-- (a special-category concept, sensitive_category set, is counted but never a filter).
-- Downstream of the predictions like every export, so `dbt run --select predictions+`
-- refreshes them all.
select
    note_concepts.concept_id,
    concepts.label,
    note_concepts.bucket,
    sensitive.category as sensitive_category,
    count(*) as mentions,
    count(distinct note_concepts.client_id) as clients,
    row_number() over (
        order by count(*) desc, note_concepts.concept_id asc
    )::integer as mention_rank
from {{ ref('note_concepts') }} as note_concepts
inner join {{ ref('concepts') }} as concepts
    on note_concepts.concept_id = concepts.concept_id
inner join {{ ref('client_profiles_with_predictions') }} as scored
    on note_concepts.client_id = scored.client_id
left join {{ ref('sensitive_concepts') }} as sensitive
    on note_concepts.concept_id = sensitive.concept_id
where note_concepts.is_negated is not true
group by note_concepts.concept_id, concepts.label, note_concepts.bucket, sensitive.category
