"""Scores every client profile with the selected, verified artifact.

Thin by design: selection, verification and scoring live in client_intelligence.scoring.
"""

from client_intelligence.predictions_model import predict_for_dbt


def model(dbt, session):
    dbt.config(materialized="table")
    return predict_for_dbt(
        profiles=lambda: dbt.ref("client_profiles"),
        segment_seed=lambda: dbt.ref("segment_cutoffs"),
        model_dir=dbt.config.get("model_dir"),
    )
