"""Scores every client profile with the selected, verified artifact.

Thin by design: selection, verification and scoring live in client_intelligence.
"""

from client_intelligence.predictions_model import predict, upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    with upstream_required():
        profiles = dbt.ref("client_profiles").to_arrow_table()
        segment_cutoffs = dbt.ref("segment_cutoffs").df()
    return predict(profiles, segment_cutoffs, dbt.config.get("model_dir"))
