-- The first budget expression of each note, in euros. A number counts as a budget only when it
-- carries a budget keyword, a currency or a thousands multiplier ("50th birthday" is no budget).
{#- what a client's budget can be, in euros: anything else is a size, a count or a year #}
{%- set plausible_eur = 'between 50 and 10000000' %}
with

candidates as (
    select
        note_id,
        {%- set budget_texts = regex_extract_all(
            lower_sql(strip_accents_sql('note_text')), budget_pattern()
        ) %}
        {{ unnest_lists([
            [budget_texts, 'budget_text'],
            [int_range_sql(1, list_length_sql(budget_texts) ~ ' + 1'), 'candidate_index']
        ]) }}
    from {{ ref('stg_notes') }}
    where {{ regex_matches('note_text', '\d') }}
),

parts as (
    select
        note_id,
        candidate_index,
        budget_text,
        {{ regex_extract_groups(
            'budget_text',
            budget_pattern(),
            [
                'keyword', 'currency_before', 'low_amount', 'low_multiplier',
                'currency_between', 'high_amount', 'high_multiplier', 'currency_after'
            ]
        ) }} as part
    from candidates
),

amounts as (
    select
        parts.note_id,
        parts.candidate_index,
        trim(budget_text) as budget_text,
        {{ budget_amount_eur(
            'part.low_amount',
            "coalesce(nullif(part.low_multiplier, ''), part.high_multiplier)"
        ) }} as low_eur,
        -- the upper end of a range, unless it is no amount in the budget's range (a size or a
        -- count after a dash: "Budget about 1K - 38 shoe size" is a budget of 1,000)
        case
            when part.high_amount != ''
                then {{ budget_amount_eur('part.high_amount', 'part.high_multiplier') }}
        end as written_high_eur,
        case when written_high_eur {{ plausible_eur }} then written_high_eur end as high_eur,
        (
            part.keyword != '' or part.currency_before != '' or part.currency_between != ''
            or part.currency_after != '' or part.low_multiplier != ''
            or part.high_multiplier != ''
        ) as looks_like_budget
    from parts
),

budgets as (
    -- the first plausible budget of each note: a window in a subquery (Spark has no qualify)
    select
        note_id,
        budget_text,
        least(low_eur, coalesce(high_eur, low_eur)) as budget_min_eur,
        greatest(low_eur, coalesce(high_eur, low_eur)) as budget_max_eur
    from (
        select
            *,
            row_number() over (partition by note_id order by candidate_index) as budget_rank
        from amounts
        where looks_like_budget and low_eur {{ plausible_eur }}
    ) as ranked_budgets
    where budget_rank = 1
)

select
    note_id,
    budget_min_eur,
    budget_max_eur,
    budget_text
from budgets
