"""Scores every client profile with the selected, verified artifact.

Thin by design: the body is client_intelligence.model_bodies.client_profiles_with_predictions.
"""

from client_intelligence import model_bodies
from client_intelligence.model_bodies import upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    with upstream_required(
        "client_profiles_with_predictions", ["client_profiles", "segment_cutoffs"]
    ):
        profiles = dbt.ref("client_profiles").to_arrow_table()
        segment_cutoffs = dbt.ref("segment_cutoffs").df()
    return model_bodies.client_profiles_with_predictions(
        profiles,
        segment_cutoffs,
        dbt.config.get("model_dir"),
        dbt.config.get("purchase_history"),
    )
