select
    source_row_number,
    note_id,
    client_id,
    raw_date,
    raw_language,
    note_text,
    reject_reason
from {{ ref('stg_notes__parsed') }}
where reject_reason is not null
