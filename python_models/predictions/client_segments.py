"""Puts every scored client in a segment and on the 3D client map, with the segmentation
fitted at training time and stored in the artifact that scored them.

Thin by design: the body is client_intelligence.model_bodies.client_segments.
"""

from client_intelligence import model_bodies
from client_intelligence.model_bodies import upstream_required


def model(dbt, session):
    dbt.config(materialized="table")
    with upstream_required("client_segments", ["client_profiles_with_predictions"]):
        scored = dbt.ref("client_profiles_with_predictions")
        result = model_bodies.client_segments(scored, dbt.config.get("model_dir"))
    return result
