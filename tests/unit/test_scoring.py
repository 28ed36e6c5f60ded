"""Segments and thresholds at their boundaries."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from client_intelligence.project import project_root
from client_intelligence.scoring import segment_cutoffs_from_seed

PROJECT_ROOT = project_root()


@pytest.fixture(scope="module")
def cutoffs():
    return segment_cutoffs_from_seed(pd.read_csv(PROJECT_ROOT / "seeds" / "segment_cutoffs.csv"))


def test_value_segment_boundaries(cutoffs):
    clv = np.array([0, 2999.99, 3000, 6999.99, 7000, 14999.99, 15000, 1e7])
    assert list(cutoffs["value"].assign(clv)) == [
        "Low Value",
        "Low Value",
        "Medium Value",
        "Medium Value",
        "High Value",
        "High Value",
        "VIP",
        "VIP",
    ]


def test_risk_segment_boundaries(cutoffs):
    risk = np.array([0.0, 0.2999, 0.3, 0.5999, 0.6, 0.7999, 0.8, 1.0])
    assert list(cutoffs["risk"].assign(risk)) == [
        "Safe",
        "Safe",
        "Monitor",
        "Monitor",
        "At Risk",
        "At Risk",
        "Critical",
        "Critical",
    ]


def test_churn_drivers_follow_top_drivers():
    from client_intelligence.scoring import PREDICTION_COLUMNS

    position = PREDICTION_COLUMNS.index("top_drivers")
    assert PREDICTION_COLUMNS[position + 1] == "churn_drivers"


def test_prospect_row_of_the_seed_is_no_churn_band(cutoffs):
    assert cutoffs["risk"].names == ("Safe", "Monitor", "At Risk", "Critical")
    assert "Prospect" in set(pd.read_csv(PROJECT_ROOT / "seeds" / "segment_cutoffs.csv").segment)


class _Constant:
    """A stand-in estimator: the same probability (or value) for every row."""

    def __init__(self, value: float):
        self.value = value

    def predict_proba(self, features):
        return np.column_stack(
            [np.full(len(features), 1 - self.value), np.full(len(features), self.value)]
        )

    def predict(self, features):
        return np.full(len(features), self.value)


def _artifact():
    from client_intelligence.artifacts import LoadedArtifact

    metadata = {
        "tier": "fast",
        "version": "v_test",
        "feature_names": ["purchase_count", "note_count"],
        "thresholds": {"purchase": 0.5, "churn": 0.5},
        "notes_only": {
            "thresholds": {"purchase": 0.3, "churn": 0.5},
            "predictors": {"purchase": {}, "churn": {}, "clv": {}},
        },
    }
    estimators = {"purchase": _Constant(0.4), "churn": _Constant(0.85), "clv": _Constant(5000.0)}
    # the notes-only family: what scores when no purchase history is supplied
    estimators |= {
        "notes_only_purchase": _Constant(0.35),
        "notes_only_churn": _Constant(0.45),
        "notes_only_clv": _Constant(900.0),
    }
    return LoadedArtifact(PROJECT_ROOT, metadata, estimators)


def _profiles():
    import pyarrow as pa

    return pa.table(
        {"client_id": ["buyer", "prospect"], "purchase_count": [3, 0], "note_count": [2, 4]}
    )


def test_clients_who_never_bought_are_prospects_without_churn(cutoffs):
    from client_intelligence.scoring import PROSPECT_SEGMENT, score_profiles

    scored = score_profiles(_profiles(), _artifact(), cutoffs).to_pylist()
    buyer, prospect = scored
    assert (buyer["churn_risk"], buyer["will_churn"], buyer["risk_segment"]) == (
        0.85,
        1,
        "Critical",
    )
    assert prospect["churn_risk"] is None and prospect["will_churn"] is None
    assert prospect["risk_segment"] == PROSPECT_SEGMENT
    # a prospect keeps every other score
    for name in ("purchase_probability", "will_purchase", "predicted_clv", "value_segment"):
        assert prospect[name] == buyer[name] and prospect[name] is not None


def test_without_purchase_history_no_purchase_means_unknown_not_prospect(cutoffs):
    from client_intelligence.scoring import score_profiles

    scored = score_profiles(_profiles(), _artifact(), cutoffs, history_supplied=False)
    # the notes-only family scored, with its own thresholds, and every row says so
    assert scored["churn_risk"].to_pylist() == [0.45, 0.45]
    assert scored["will_churn"].to_pylist() == [0, 0]
    assert scored["risk_segment"].to_pylist() == ["Monitor", "Monitor"]
    assert scored["will_purchase"].to_pylist() == [1, 1]  # 0.35 >= its threshold 0.3
    assert scored["predicted_clv"].to_pylist() == [900.0, 900.0]
    assert scored["history"].to_pylist() == ["not supplied", "not supplied"]
    assert score_profiles(_profiles(), _artifact(), cutoffs)["history"][0].as_py() == "supplied"


def test_prospect_rule_needs_the_purchase_count(cutoffs):
    from client_intelligence.scoring import score_profiles

    artifact = _artifact()
    artifact.metadata["feature_names"] = ["note_count"]
    profiles = _profiles().drop_columns(["purchase_count"])
    with pytest.raises(ValueError, match="history_supplied=False"):
        score_profiles(profiles, artifact, cutoffs)
    assert score_profiles(profiles, artifact, cutoffs, history_supplied=False).num_rows == 2


def test_purchase_history_supplied_var():
    from client_intelligence.model_bodies import purchase_history_supplied

    assert purchase_history_supplied("auto", any_sale=True) is True
    assert purchase_history_supplied("auto", any_sale=False) is False
    assert purchase_history_supplied(None, any_sale=True) is True
    assert purchase_history_supplied("False", any_sale=True) is False
    assert purchase_history_supplied("true", any_sale=False) is True
    with pytest.raises(ValueError, match="auto, true or false"):
        purchase_history_supplied("sometimes", any_sale=True)


def test_segmentation_sees_no_churn_risk_for_prospects():
    from client_intelligence.segmentation import prediction_columns

    features = _profiles().to_pandas()[["purchase_count", "note_count"]]
    columns = prediction_columns(_artifact().estimators, features)
    assert columns["churn_risk"].iloc[0] == pytest.approx(0.85)
    assert np.isnan(columns["churn_risk"].iloc[1])
    assert list(columns["purchase_probability"]) == [0.4, 0.4]
