-- The lexicon's match keys as concept matching builds them (aliases and their generated word
-- forms, folded): what the Aho-Corasick baseline of scripts/benchmark.py matches, so that both
-- sides of the comparison use the same lexicon.
select
    alias_key,
    concept_id,
    alias_language,
    alias,
    is_cjk
from (
    {{ alias_keys(ref('concept_aliases'), ref('concepts'), ref('inflection_rules')) }}
) as match_keys
