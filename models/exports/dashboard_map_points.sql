-- Every client on the 3D map, in a fixed order (a hash of the client id, so the same clients
-- every export, from every segment): the export draws the first --map-points.
select
    segments.client_id as id,
    segments.segment_id,
    round(segments.map_x, 4) as x,
    round(segments.map_y, 4) as y,
    round(segments.map_z, 4) as z,
    round(scored.purchase_probability, 4) as purchase_probability,
    round(scored.predicted_clv, 2) as predicted_clv,
    -- md5: the same order on every engine (hash() is engine-specific)
    cast(row_number() over (
        order by md5(segments.client_id), segments.client_id
    ) as integer) as map_order
from {{ ref('client_segments') }} as segments
inner join {{ ref('client_profiles_with_predictions') }} as scored
    on segments.client_id = scored.client_id
