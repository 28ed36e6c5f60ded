-- The dashboard's headline numbers over every scored client (one row). Churn is over past
-- buyers only: prospects (risk_segment Prospect, no purchase before the profile date) have no
-- churn risk and are counted apart.
select
    count(*) as clients,
    count(*) filter (where risk_segment = 'Prospect') as prospects,
    count(churn_risk) as past_buyers,
    avg(purchase_probability) as average_purchase_probability,
    avg(churn_risk) as average_churn_risk,
    sum(predicted_clv) as total_predicted_clv
from {{ ref('client_profiles_with_predictions') }}
