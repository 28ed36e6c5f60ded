-- Every sentiment concept of the lexicon is counted as praise, complaint or hesitation: one left
-- out would vanish from the features without a word.
select concepts.concept_id
from {{ ref('concepts') }} as concepts
left join {{ ref('sentiment_kinds') }} as kinds
    on concepts.concept_id = kinds.concept_id
where concepts.bucket = 'sentiment' and kinds.concept_id is null
