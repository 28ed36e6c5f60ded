-- Clients and CLV per value segment and per risk segment.
with

scored as (
    select
        value_segment,
        risk_segment,
        predicted_clv
    from {{ ref('client_profiles_with_predictions') }}
),

by_value as (
    select
        'value' as segment_type,
        value_segment as segment,
        count(*) as clients,
        avg(predicted_clv) as average_clv,
        sum(predicted_clv) as total_clv
    from scored
    group by value_segment
),

by_risk as (
    select
        'risk' as segment_type,
        risk_segment as segment,
        count(*) as clients,
        avg(predicted_clv) as average_clv,
        sum(predicted_clv) as total_clv
    from scored
    group by risk_segment
)

select * from by_value
union all
select * from by_risk
