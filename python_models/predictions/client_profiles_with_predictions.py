"""Scores every client profile with the selected, verified artifact.

Thin by design: the body is client_intelligence.model_bodies.client_profiles_with_predictions.
"""

from client_intelligence import model_bodies
from client_intelligence.model_bodies import upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    upstream = ["client_profiles", "segment_cutoffs", "stg_transactions"]
    with upstream_required("client_profiles_with_predictions", upstream):
        result = model_bodies.client_profiles_with_predictions(
            dbt.ref("client_profiles"),
            dbt.ref("segment_cutoffs"),
            dbt.ref("stg_transactions"),
            dbt.config.get("model_dir"),
            dbt.config.get("purchase_history_supplied"),
        )
    return result
