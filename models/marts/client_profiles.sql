-- One profile per client as of as_of_date: the model features of the scoring snapshot plus what
-- an advisor reads (languages, top concepts, budget). Only data on or before as_of_date counts.
with

scoring_snapshot as (
    select
        feature_cutoff,
        as_of_date
    from {{ ref('int_snapshot_dates') }}
    where snapshot_kind = 'scoring'
),

features as (
    select
        features.*,
        scoring_snapshot.as_of_date
    from {{ ref('int_client_features_as_of') }} as features
    inner join scoring_snapshot
        on features.feature_cutoff = scoring_snapshot.feature_cutoff
),

languages as (
    select
        notes.client_id,
        {{ string_agg_sorted('notes.language', "','", distinct=true) }} as languages
    from {{ ref('stg_notes') }} as notes
    inner join scoring_snapshot
        on notes.note_date < scoring_snapshot.feature_cutoff
    group by notes.client_id
),

concept_counts as (
    select
        concepts.client_id,
        concepts.concept_id,
        concepts.is_negated,
        count(*) as mentions
    from {{ ref('note_concepts') }} as concepts
    inner join scoring_snapshot
        on concepts.note_date < scoring_snapshot.feature_cutoff
    group by all
),

disliked_concepts as (
    -- Concepts mentioned under a negation ("no leather", "kein Gold"): dislikes, not interests.
    select
        client_id,
        {{ string_agg_sorted('concept_id', "','", [['mentions', 'desc'], ['concept_id', 'asc']]) }}
            as disliked_concepts
    from concept_counts
    where is_negated
    group by client_id
),

ranked_concepts as (
    -- the five most mentioned: a window in a subquery (Spark has no qualify)
    select
        client_id,
        concept_id,
        mentions
    from (
        select
            client_id,
            concept_id,
            mentions,
            row_number() over (
                partition by client_id order by mentions desc, concept_id asc
            ) as concept_rank
        from concept_counts
        where not is_negated
    ) as ranked
    where concept_rank <= 5
),

top_concepts as (
    select
        client_id,
        {{ string_agg_sorted('concept_id', "','", [['mentions', 'desc'], ['concept_id', 'asc']]) }}
            as top_concepts
    from ranked_concepts
    group by client_id
)

select
    features.client_id,
    features.as_of_date,
    features.first_note_date,
    features.last_note_date,
    features.first_purchase_date,
    features.last_purchase_date,
    coalesce(languages.languages, '') as languages,
    coalesce(top_concepts.top_concepts, '') as top_concepts,
    coalesce(disliked_concepts.disliked_concepts, '') as disliked_concepts,
    {{ star_except('features', [
        'client_id', 'as_of_date', 'feature_cutoff', 'first_note_date', 'last_note_date',
        'first_purchase_date', 'last_purchase_date'
    ]) }}
from features
left join languages
    on features.client_id = languages.client_id
left join top_concepts
    on features.client_id = top_concepts.client_id
left join disliked_concepts
    on features.client_id = disliked_concepts.client_id
