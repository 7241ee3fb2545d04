"""Resources are bounded for valid input: a run whose queue model would need more memory than the stated
bound is one line with the reason (exit 2), found before the model starts."""

from __future__ import annotations

import pytest
from helpers import edit_file

from vt_analysis import paths


def _een_regel(cli, *args) -> str:
    code, out, err = cli(*args)
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and err.startswith("fout: "), err
    return err


def test_te_veel_replicaties_is_een_regel_met_de_reden(cli, params_copy, standaard_resultaten):
    edit_file(params_copy, "replicaties: 1000", "replicaties: 20000")
    err = _een_regel(cli, "compute", "--params", params_copy, "--json")
    assert "sleutel wachttijden.replicaties: 20.000 replicaties van" in err
    assert "GB geheugen voor het wachtrijmodel, verwacht hoogstens 3,6 GB" in err and "hoogstens 3." in err


@pytest.mark.parametrize(
    ("bestand", "oud", "nieuw"),
    [
        ("kengetallen.yaml", "  2025: {waarde: 5220,", "  2025: {waarde: 999999999,"),
    ],
    ids=["kengetal-999999999"],
)
def test_grootste_toegestane_getallen_zijn_een_regel(cli, data_copy, bestand, oud, nieuw):
    """The catalogue's counts at the validated maximum: refused in one line (before, a MemoryError)."""
    edit_file(data_copy / bestand, oud, nieuw)
    err = _een_regel(cli, "validate", "--params", paths.DEFAULT_PARAMS, "--data", data_copy)
    assert "MemoryError" not in err and "interne fout" not in err
