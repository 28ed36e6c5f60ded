"""Puts every scored client in a segment and on the 3D client map.

Thin by design: the segmentation is fitted at training time and stored in the artifact that
scored client_profiles_with_predictions; client_intelligence.segmentation applies it.
"""

from client_intelligence.predictions_model import upstream_required
from client_intelligence.segmentation import client_segments


def model(dbt, session):
    dbt.config(materialized="table")
    with upstream_required():
        scored = dbt.ref("client_profiles_with_predictions").to_arrow_table()
    return client_segments(scored, dbt.config.get("model_dir"))
