"""Resources are bounded for valid input: a run whose queue model would need more memory than the stated
bound is one line with the reason (exit 2), found before the model starts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import edit_file

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.invoer.params import load_params
from vt_analysis.model.wachttijden import omvang


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


GEHEUGENGRENS_BYTES = 1536 * 1024 * 1024  # half the bound's 3,6 GB: a calibration of a million cases needs 46 GB


def test_extreme_realisatie_is_geweigerd_binnen_een_geheugengrens(data_copy):
    """A realisatie of a million meldingen (the validated maximum of a count) made the calibration take 3,4 GB
    and never end. Under a hard memory limit (setrlimit in its own process) validate now ends in one line
    naming the file and the period, exit 2, long before any timeout: no MemoryError, no hang."""
    edit_file(
        data_copy / "volumes.csv", "Realisatie 2021,2021,realisatie,3894,", "Realisatie 2021,2021,realisatie,1000000,"
    )
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_DATA, ({GEHEUGENGRENS_BYTES}, {GEHEUGENGRENS_BYTES}))\n"
        "from vt_analysis.cli import main\n"
        f"sys.exit(main(['validate', '--params', {str(paths.DEFAULT_PARAMS)!r}, '--data', {str(data_copy)!r}]))\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=False)
    fouten = [r for r in uit.stderr.splitlines() if r.startswith("fout: ")]
    assert uit.returncode == 2, uit.stderr
    assert len(fouten) == 1 and "Traceback" not in uit.stderr and "MemoryError" not in uit.stderr, uit.stderr
    assert "volumes.csv, periode 'Realisatie 2021': 1.000.562 meldingen en onderzoeken" in fouten[0]
    hoogstens = fmt.aantal(
        omvang.MAX_CASUS_REPLICATIES
        // omvang.kalibratie_kolommen(load_params(paths.DEFAULT_PARAMS).wachttijden.replicaties)
    )
    assert f"GB geheugen voor de kalibratie van het wachtrijmodel, verwacht hoogstens {hoogstens} " in fouten[0]
