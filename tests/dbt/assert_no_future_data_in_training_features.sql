-- Point-in-time correctness: a training example's features never see a note or a purchase on or
-- after its cutoff.
select
    example_id,
    cutoff_date,
    last_note_date,
    last_purchase_date
from {{ ref('ml_training_examples') }}
where last_note_date >= cutoff_date or last_purchase_date >= cutoff_date
