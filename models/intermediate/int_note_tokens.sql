-- The one tokenization of each note: its words and CJK runs as folded tokens with their
-- character offsets (macros/text.sql, note_token_lists). note_concepts matches aliases on these
-- tokens and lexicon_candidates counts them; neither splits the text again.
{{ note_token_lists(ref('stg_notes')) }}
