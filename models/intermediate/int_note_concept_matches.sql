-- Spark only: note_concepts' matching stages as a table (macros/concept_matching.sql says why).
{{ config(enabled=concept_stages_as_tables(), materialized='table') }}
with

{{ concept_alias_rules_cte() }},

{{ concept_match_stages() }}

select * from all_distinct_matches
