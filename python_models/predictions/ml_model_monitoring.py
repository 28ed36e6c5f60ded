"""Drift and realized-performance checks of the scoring run, from today's scored profiles
and the past predictions with their outcomes (prediction_outcomes).

Thin by design: the body is client_intelligence.model_bodies.ml_model_monitoring.
"""

from client_intelligence import model_bodies
from client_intelligence.model_bodies import upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    horizons = {
        "purchase": int(dbt.config.get("purchase_horizon_days")),
        "churn": int(dbt.config.get("churn_horizon_days")),
    }
    upstream = ["client_profiles_with_predictions", "prediction_outcomes"]
    with upstream_required("ml_model_monitoring", upstream):
        result = model_bodies.ml_model_monitoring(
            dbt.ref("client_profiles_with_predictions"),
            dbt.ref("prediction_outcomes"),
            dbt.config.get("model_dir"),
            horizons,
        )
    return result
