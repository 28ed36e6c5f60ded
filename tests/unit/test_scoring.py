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
