"""Client Intelligence: concept tags, client profiles and ML predictions from advisor notes.

The heavy text work lives in the dbt SQL models; this package holds the Python logic that dbt
Python models and scripts call: demo data, training, the artifact registry, scoring, reports.
"""
