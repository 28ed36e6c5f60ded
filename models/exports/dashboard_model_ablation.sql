-- What the notes add, per target and ranking metric: the trained model refitted on the same fit
-- cutoffs and judged on the same holdout with all features, without the note features and
-- without the purchase-history features (ml_model_quality: the artifact's ablation), and the
-- difference the note features make. A target whose model was not trained says why instead.
with

ablation as (
    select * from {{ ref('ml_model_quality') }}
    where section = 'ablation'
)

select
    target,
    ({{ target_order('target') }})::integer as target_order,
    metric,
    round(max(value) filter (where variant = 'all features'), 4) as all_features,
    round(max(value) filter (where variant = 'without note features'), 4) as without_notes,
    round(max(value) filter (where variant = 'without purchase-history features'), 4)
        as without_history,
    round(
        max(value) filter (where variant = 'all features')
        - max(value) filter (where variant = 'without note features'),
        4
    ) as notes_add,
    max(text_value) as not_measured
from ablation
group by target, metric
