-- The dashboard's headline numbers over every scored client (one row). Churn is over past
-- buyers only: prospects (risk_segment Prospect, no purchase before the profile date) have no
-- churn risk and are counted apart. high_priority_clients: the length of the whole call list.
select
    count(*) as clients,
    count(*) filter (where risk_segment = 'Prospect') as prospects,
    count(churn_risk) as past_buyers,
    avg(purchase_probability) as average_purchase_probability,
    avg(churn_risk) as average_churn_risk,
    sum(predicted_clv) as total_predicted_clv,
    (
        select count(distinct client_id) from {{ ref('recommended_actions') }}
        where priority = 'High'
    ) as high_priority_clients
from {{ ref('client_profiles_with_predictions') }}
