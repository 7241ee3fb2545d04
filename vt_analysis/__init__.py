"""vt-analysis: de impactanalyse van Veilig Thuis Zuid-Holland-Zuid als reproduceerbare pijplijn.

The package computes (datasets, rekentool, scenario's, rendering); the notebooks in
``notebooks/`` narrate and call it.
"""

__version__ = "0.1.0"
