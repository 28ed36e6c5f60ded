"""How far to trust the scores: the metadata.json of the artifact that scored the clients, as
rows (holdout and baseline metrics, kept predictors, reliability curves, ablation, cutoffs).

Thin by design: the body is client_intelligence.model_bodies.ml_model_quality.
"""

from client_intelligence import model_bodies
from client_intelligence.model_bodies import upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    with upstream_required("ml_model_quality", ["client_profiles_with_predictions"]):
        scored = dbt.ref("client_profiles_with_predictions")
        result = model_bodies.ml_model_quality(scored, dbt.config.get("model_dir"))
    return result
