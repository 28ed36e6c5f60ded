"""Scores every client profile with the selected, verified artifact.

Thin by design: the body is client_intelligence.model_bodies.client_profiles_with_predictions.
"""

from client_intelligence import model_bodies
from client_intelligence.model_bodies import upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    upstream = ["client_profiles", "segment_cutoffs", "stg_transactions"]
    with upstream_required("client_profiles_with_predictions", upstream):
        profiles = dbt.ref("client_profiles").to_arrow_table()
        segment_cutoffs = dbt.ref("segment_cutoffs").df()
        any_sale = bool(dbt.ref("stg_transactions").limit(1).fetchall())
    history_supplied = model_bodies.purchase_history_supplied(
        dbt.config.get("purchase_history_supplied"), any_sale
    )
    return model_bodies.client_profiles_with_predictions(
        profiles, segment_cutoffs, dbt.config.get("model_dir"), history_supplied
    )
