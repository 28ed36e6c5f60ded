select distinct lower(trim(client_id_sha256)) as client_id_sha256
from {{ source('privacy', 'erased_clients') }}
where nullif(trim(client_id_sha256), '') is not null
