-- Spark only: note_concepts' longest matches as a table (macros/concept_matching.sql says why).
{{ config(enabled=concept_stages_as_tables(), materialized='table') }}
with

{{ concept_alias_rules_cte() }},

{{ concept_marker_matches_cte(ref('int_note_concept_matches')) }},

{{ concept_longest_match_stages(ref('int_note_concept_matches')) }}

select * from longest_matches
