"""PSI and the training reference (no dbt)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from client_intelligence import drift


def test_psi_is_zero_for_identical_and_large_for_shifted_distributions():
    rng = np.random.default_rng(0)
    training = pd.DataFrame({"amount": rng.lognormal(7, 1, 5000)})
    summary = drift.feature_reference(training, ["amount"])["features"]["amount"]
    same = drift.bin_proportions(rng.lognormal(7, 1, 5000), summary["edges"])
    shifted = drift.bin_proportions(rng.lognormal(8, 1, 5000), summary["edges"])
    expected = np.asarray(summary["proportions"])
    assert drift.population_stability_index(expected, expected) == pytest.approx(0)
    assert drift.population_stability_index(expected, same) < drift.PSI_WARNING
    psi_shifted = drift.population_stability_index(expected, shifted)
    assert psi_shifted > drift.PSI_ALERT
    assert drift.psi_status(psi_shifted) == "alert"
    with pytest.raises(ValueError, match="same bins"):
        drift.population_stability_index(expected, shifted[:-1])


def test_reference_merges_repeated_deciles_and_counts_missing_values():
    counts = pd.DataFrame({"visits": [0] * 70 + [1] * 20 + [5] * 5 + [None] * 5})
    summary = drift.feature_reference(counts, ["visits"])["features"]["visits"]
    assert summary["edges"] == sorted(set(summary["edges"]))  # deciles 0,0,...,1 merged
    assert summary["edges"][0] == 0
    assert sum(summary["proportions"]) == pytest.approx(1)
    assert summary["proportions"][-1] == pytest.approx(0.05)  # the missing-value bin
    assert summary["proportions"][0] == pytest.approx(0.70)  # values <= 0
    # Today every value is missing: the missing bin carries the change.
    today = drift.bin_proportions(np.array([np.nan] * 10), summary["edges"])
    psi = drift.population_stability_index(np.asarray(summary["proportions"]), today)
    assert drift.psi_status(psi) == "alert"
