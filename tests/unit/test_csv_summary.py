"""The CSV scorer's summary counts with the report's bands (no dbt)."""

from __future__ import annotations

import pandas as pd

from client_intelligence.csv_scoring import format_summary


def test_summary_counts_clients_with_the_bands_it_is_given():
    output = pd.DataFrame(
        {
            "client": ["a", "a", "b", "c", "d"],
            "purchase_probability": [0.75, 0.75, 0.65, 0.2, None],
            "churn_risk": [0.1, 0.1, 0.6, 0.85, None],
            "value_segment": ["VIP", "VIP", "Low Value", "High Value", None],
            "risk_segment": ["Safe", "Safe", "At Risk", "Critical", None],
            "predicted_clv": [20000.0, 20000.0, 900.0, 9000.0, None],
        }
    )
    summary = format_summary(
        output, "client", rejected=0, high_intent_probability=0.7, at_risk_from=0.6
    ).splitlines()
    assert summary[0] == "rows scored: 4 of 5 (3 clients)"
    assert "high intent (purchase probability > 0.7): 1" in summary
    assert "at risk (churn risk >= 0.6): 2" in summary
    lower = format_summary(
        output, "client", rejected=0, high_intent_probability=0.6, at_risk_from=0.6
    )
    assert "high intent (purchase probability > 0.6): 2" in lower
