"""The constants of the solution directions beside their params sections (params_secties.py): the counts that
follow the meldingen, the levers of C (Oplossingen C, (i)–(v)) and the steps of its waterfall."""

from __future__ import annotations

from vt_analysis.invoer.params_secties import ScenarioCParams

# Counts that follow the meldingen when meldingen go (adviezen are asked before any melding).
MAANDEN_PER_JAAR = 12
STROOMAFWAARTS = ("meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek", "monitoring")

HEFBOMEN = tuple(k for k in ScenarioCParams.model_fields if k != "vanaf_jaar")

# Waterfall steps (id, levers) in the order of the seed's levers (i)–(v); each step sets its levers on
# top of the previous. The ids are data; the report names them in Dutch.
STAPPEN = (
    ("direct_overdragen", ("direct_overdragen_pct",)),
    ("monitoring", ("monitoring_reductie_pct",)),
    ("echtscheiding", ("echtscheiding_pct",)),
    ("politie", ("politie_naar_jpt_realisatie_pct", "politie_teruggelegd_realisatie_pct")),
    ("stap2", ("stap2_extra_adviezen", "stap2_voorkomen_pct")),
)
