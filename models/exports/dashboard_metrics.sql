-- The dashboard's headline numbers over every scored client (one row).
select
    count(*) as clients,
    avg(purchase_probability) as average_purchase_probability,
    avg(churn_risk) as average_churn_risk,
    sum(predicted_clv) as total_predicted_clv
from {{ ref('client_profiles_with_predictions') }}
