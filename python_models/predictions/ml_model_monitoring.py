"""Drift and realized-performance checks of the scoring run (logic: the monitoring module).

Thin by design: it reads today's scored profiles and the past predictions with their outcomes
(prediction_outcomes), and the package does the rest.
"""

from client_intelligence.monitoring import monitoring_table


def model(dbt, session):
    dbt.config(materialized="table")
    scoring = dbt.ref("client_profiles_with_predictions").df()
    history = (
        dbt.ref("prediction_outcomes")
        .project(
            "client_id, as_of_date, model_tier, model_version, purchase_probability, churn_risk,"
            " label_purchased, label_churned"
        )
        .df()
    )
    horizons = {
        "purchase": int(dbt.config.get("purchase_horizon_days")),
        "churn": int(dbt.config.get("churn_horizon_days")),
    }
    return monitoring_table(scoring, history, dbt.config.get("model_dir"), horizons)
