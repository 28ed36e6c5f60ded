select
    note_id,
    client_id,
    note_date,
    duration_minutes,
    language,
    note_length,
    note_text,
    source_file
from {{ ref('stg_notes__parsed') }}
where reject_reason is null
