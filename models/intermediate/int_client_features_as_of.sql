-- One row per client and snapshot with every model feature, computed only from notes and sales
-- strictly before the snapshot's feature_cutoff. client_profiles (scoring) and
-- ml_training_examples (training) both read this model, so their features cannot drift apart.
with

snapshots as (
    select distinct feature_cutoff
    from {{ ref('int_snapshot_dates') }}
),

notes_before as (
    select
        snapshots.feature_cutoff,
        notes.client_id,
        notes.note_id,
        notes.note_date,
        notes.language,
        notes.note_date >= snapshots.feature_cutoff - {{ var('recent_window_days') }}
            as is_recent
    from {{ ref('stg_notes') }} as notes
    inner join snapshots
        on notes.note_date < snapshots.feature_cutoff
),

language_notes as (
    select
        feature_cutoff,
        client_id,
        language,
        count(*) as notes_in_language,
        count(case when is_recent then 1 end) as recent_notes_in_language,
        min(note_date) as first_note_in_language,
        max(note_date) as last_note_in_language
    from notes_before
    group by all
),

note_features as (
    select
        feature_cutoff,
        client_id,
        cast(sum(notes_in_language) as bigint) as note_count,
        cast(sum(recent_notes_in_language) as bigint) as recent_note_count,
        min(first_note_in_language) as first_note_date,
        max(last_note_in_language) as last_note_date,
        -- the language of most notes; a tie goes to the one written in last, then by name
        -- (mode() breaks ties by row order, which changed scores between identical builds)
        {{ arg_max('language', ['notes_in_language', 'last_note_in_language', 'language']) }}
            as primary_language,
        count(distinct language) as language_count
    from language_notes
    group by all
),

mentions as (
    -- the mentions that count, negated ones left out ("pas fan du noir" is no interest)
    select
        concepts.note_id,
        concepts.client_id,
        concepts.note_date,
        concepts.concept_id,
        concepts.bucket,
        -- what the mention counts as: its bucket, or for sentiment, praise / complaint / hesitation
        coalesce(kinds.sentiment_kind, concepts.bucket) as counted_as
    from {{ ref('note_concepts') }} as concepts
    left join {{ ref('sentiment_kinds') }} as kinds
        on concepts.concept_id = kinds.concept_id
    where concepts.is_negated is not true
),

note_mention_counts as (
    -- each note's mentions per kind, counted once per note rather than once per snapshot
    select
        note_id,
        client_id,
        note_date,
        count(*) as concept_mentions,
        {%- for counted in counted_buckets() + sentiment_kinds() %}
            count(case when counted_as = '{{ counted }}' then 1 end) as {{ counted }}_mentions,
        {%- endfor %}
        bool_or(bucket = 'intent') as has_intent,
        bool_or(bucket = 'occasion') as has_occasion
    from mentions
    group by note_id, client_id, note_date
),

concept_features as (
    select
        snapshots.feature_cutoff,
        counts.client_id,
        cast(sum(counts.concept_mentions) as bigint) as concept_mentions,
        {%- for counted in counted_buckets() + sentiment_kinds() %}
            cast(sum(counts.{{ counted }}_mentions) as bigint) as {{ counted }}_mentions,
            cast(coalesce(
                sum(
                    case
                        when
                            counts.note_date
                            >= snapshots.feature_cutoff - {{ var('recent_window_days') }}
                            then counts.{{ counted }}_mentions
                    end
                ),
                0
            ) as bigint) as recent_{{ counted }}_mentions,
        {%- endfor %}
        max(case when counts.has_intent then counts.note_date end) as last_intent_date,
        max(case when counts.has_occasion then counts.note_date end) as last_occasion_date
    from note_mention_counts as counts
    inner join snapshots
        on counts.note_date < snapshots.feature_cutoff
    group by all
),

client_concepts as (
    -- each client's mention dates per concept, sorted by concept, built once for all snapshots
    select
        client_id,
        min(first_date) as first_date,
        {{ struct_list_agg([['concept_id', 'concept_id'], ['dates', 'dates']]) }} as concepts
    from (
        select
            client_id,
            concept_id,
            {{ list_agg_sql('note_date') }} as dates,
            min(note_date) as first_date
        from mentions
        group by all
    ) as per_concept
    group by client_id
),

concept_counts as (
    -- mentions per concept before each snapshot (concepts without one left out): training keeps
    -- the concepts frequent enough to learn from as features (client_intelligence.
    -- concept_features), scoring the same list
    select
        snapshots.feature_cutoff,
        client_concepts.client_id,
        {%- set concept_mentions = struct_of_sql([
            ['concept_id', 'concept.concept_id'],
            ['mentions', 'cast(' ~ list_length_sql(list_filter_sql(
                'concept.dates', 'day', 'day < snapshots.feature_cutoff'
            )) ~ ' as bigint)']
        ]) %}
        {{ list_filter_sql(
            list_transform_sql('client_concepts.concepts', 'concept', concept_mentions),
            'concept',
            'concept.mentions > 0'
        ) }} as concept_mention_counts
    from client_concepts
    inner join snapshots
        on client_concepts.first_date < snapshots.feature_cutoff
),

latest_budget as (
    -- the latest budget per snapshot: a window in a subquery (Spark has no qualify)
    select
        feature_cutoff,
        client_id,
        budget_min_eur,
        budget_max_eur
    from (
        select
            notes_before.feature_cutoff,
            notes_before.client_id,
            budgets.budget_min_eur,
            budgets.budget_max_eur,
            row_number() over (
                partition by notes_before.feature_cutoff, notes_before.client_id
                order by notes_before.note_date desc, notes_before.note_id desc
            ) as budget_rank
        from notes_before
        inner join {{ ref('int_note_budgets_extracted') }} as budgets
            on notes_before.note_id = budgets.note_id
    ) as ranked_budgets
    where budget_rank = 1
),

purchase_days as (
    -- one row per client, snapshot and purchase day: the periods BG/NBD counts (lifetimes'
    -- frequency is the number of purchase days after the first)
    select
        snapshots.feature_cutoff,
        sales.client_id,
        sales.transaction_date as purchase_date,
        cast(sum(sales.amount_eur) as double) as day_spend_eur
    from {{ ref('stg_transactions') }} as sales
    inner join snapshots
        on sales.transaction_date < snapshots.feature_cutoff
    group by all
),

purchase_gaps as (
    select
        feature_cutoff,
        client_id,
        purchase_date,
        {{ days_between(
            'lag(purchase_date) over (partition by feature_cutoff, client_id order by purchase_date)',
            'purchase_date'
        ) }} as gap_days,
        row_number() over (
            partition by feature_cutoff, client_id order by purchase_date desc
        ) as days_back
    from purchase_days
),

purchase_rhythm as (
    select
        purchase_days.feature_cutoff,
        purchase_days.client_id,
        count(*) - 1 as repeat_purchase_days,
        {%- set purchase_age = days_between(
            'purchase_days.purchase_date', 'purchase_days.feature_cutoff'
        ) %}
        {{ days_between('min(purchase_days.purchase_date)', 'max(purchase_days.purchase_date)') }}
            as purchase_span_days,
        max({{ purchase_age }}) as customer_age_days,
        -- the average age of the purchase days: low when most purchases are recent
        cast(avg({{ purchase_age }}) as double) as purchase_weighted_recency_days,
        cast(coalesce(
            sum(
                case
                    when
                        purchase_days.purchase_date >= purchase_days.feature_cutoff - 180
                        then purchase_days.day_spend_eur
                end
            ),
            0
        ) as double) as spend_last_180d_eur,
        cast(coalesce(
            sum(
                case
                    when
                        purchase_days.purchase_date >= purchase_days.feature_cutoff - 365
                        and purchase_days.purchase_date < purchase_days.feature_cutoff - 180
                        then purchase_days.day_spend_eur
                end
            ),
            0
        ) as double) as spend_prior_180d_eur,
        cast(coalesce(
            sum(
                case
                    when
                        purchase_days.purchase_date >= purchase_days.feature_cutoff - 90
                        then purchase_days.day_spend_eur
                end
            ),
            0
        ) as double) as spend_last_90d_eur
    from purchase_days
    group by all
),

last_gaps as (
    select
        feature_cutoff,
        client_id,
        cast(avg(gap_days) as double) as mean_purchase_gap_days,
        max(case when days_back = 1 then gap_days end) as last_purchase_gap_days
    from purchase_gaps
    group by all
),

purchase_features as (
    select
        snapshots.feature_cutoff,
        sales.client_id,
        count(*) as purchase_count,
        count(
            case
                when
                    sales.transaction_date
                    >= snapshots.feature_cutoff - {{ var('recent_window_days') }}
                    then 1
            end
        ) as recent_purchase_count,
        cast(sum(sales.amount_eur) as double) as monetary_total_eur,
        {{ avg_double('sales.amount_eur') }} as monetary_avg_eur,
        cast(coalesce(
            sum(
                case
                    when
                        sales.transaction_date >= snapshots.feature_cutoff - 365
                        then sales.amount_eur
                end
            ),
            0
        ) as double) as spend_last_365d_eur,
        min(sales.transaction_date) as first_purchase_date,
        max(sales.transaction_date) as last_purchase_date
    from {{ ref('stg_transactions') }} as sales
    inner join snapshots
        on sales.transaction_date < snapshots.feature_cutoff
    group by all
),

client_snapshots as (
    select
        feature_cutoff,
        client_id
    from note_features
    union
    select
        feature_cutoff,
        client_id
    from purchase_features
)

select
    client_snapshots.client_id,
    client_snapshots.feature_cutoff,
    note_features.first_note_date,
    note_features.last_note_date,
    purchase_features.first_purchase_date,
    purchase_features.last_purchase_date,
    coalesce(note_features.primary_language, 'unknown') as primary_language,
    coalesce(note_features.note_count, 0) as note_count,
    coalesce(note_features.recent_note_count, 0) as recent_note_count,
    coalesce(note_features.language_count, 0) as language_count,
    {{ days_between('note_features.last_note_date', 'client_snapshots.feature_cutoff') }}
        as days_since_last_note,
    coalesce(concept_features.concept_mentions, 0) as concept_mentions,
    coalesce({{ list_length_sql('concept_counts.concept_mention_counts') }}, 0)
        as distinct_concepts,
    {%- for counted in counted_buckets() + sentiment_kinds() %}
        coalesce(concept_features.{{ counted }}_mentions, 0) as {{ counted }}_mentions,
        coalesce(concept_features.recent_{{ counted }}_mentions, 0)
            as recent_{{ counted }}_mentions,
    {%- endfor %}
    {{ days_between('concept_features.last_intent_date', 'client_snapshots.feature_cutoff') }}
        as days_since_last_intent,
    {{ days_between('concept_features.last_occasion_date', 'client_snapshots.feature_cutoff') }}
        as days_since_last_occasion,
    concept_counts.concept_mention_counts,
    latest_budget.budget_min_eur,
    latest_budget.budget_max_eur,
    coalesce(purchase_features.purchase_count, 0) as purchase_count,
    coalesce(purchase_features.recent_purchase_count, 0) as recent_purchase_count,
    coalesce(purchase_features.monetary_total_eur, 0) as monetary_total_eur,
    purchase_features.monetary_avg_eur,
    coalesce(purchase_features.spend_last_365d_eur, 0) as spend_last_365d_eur,
    {{ days_between('purchase_features.last_purchase_date', 'client_snapshots.feature_cutoff') }}
        as recency_days,
    coalesce(purchase_rhythm.repeat_purchase_days, 0) as repeat_purchase_days,
    coalesce(purchase_rhythm.purchase_span_days, 0) as purchase_span_days,
    coalesce(purchase_rhythm.customer_age_days, 0) as customer_age_days,
    purchase_rhythm.purchase_weighted_recency_days,
    last_gaps.mean_purchase_gap_days,
    last_gaps.last_purchase_gap_days,
    -- spend of the last 180 days against the 180 before them: -1 (stopped) to +1 (new or growing)
    case
        when purchase_rhythm.spend_last_180d_eur + purchase_rhythm.spend_prior_180d_eur > 0
            then
                (purchase_rhythm.spend_last_180d_eur - purchase_rhythm.spend_prior_180d_eur)
                / (purchase_rhythm.spend_last_180d_eur + purchase_rhythm.spend_prior_180d_eur)
    end as spend_trend,
    case
        when purchase_features.spend_last_365d_eur > 0
            then purchase_rhythm.spend_last_90d_eur / purchase_features.spend_last_365d_eur
    end as spend_share_last_90d,
    {{ days_between(
        'least(note_features.first_note_date, purchase_features.first_purchase_date)',
        'client_snapshots.feature_cutoff'
    ) }} as tenure_days
from client_snapshots
left join note_features
    on
        client_snapshots.client_id = note_features.client_id
        and client_snapshots.feature_cutoff = note_features.feature_cutoff
left join concept_features
    on
        client_snapshots.client_id = concept_features.client_id
        and client_snapshots.feature_cutoff = concept_features.feature_cutoff
left join concept_counts
    on
        client_snapshots.client_id = concept_counts.client_id
        and client_snapshots.feature_cutoff = concept_counts.feature_cutoff
left join latest_budget
    on
        client_snapshots.client_id = latest_budget.client_id
        and client_snapshots.feature_cutoff = latest_budget.feature_cutoff
left join purchase_features
    on
        client_snapshots.client_id = purchase_features.client_id
        and client_snapshots.feature_cutoff = purchase_features.feature_cutoff
left join purchase_rhythm
    on
        client_snapshots.client_id = purchase_rhythm.client_id
        and client_snapshots.feature_cutoff = purchase_rhythm.feature_cutoff
left join last_gaps
    on
        client_snapshots.client_id = last_gaps.client_id
        and client_snapshots.feature_cutoff = last_gaps.feature_cutoff
