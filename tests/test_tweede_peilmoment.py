"""BURAP 1 2025 end to end as the README tells a user: nieuwe-burap from the shipped BURAP 2 2024, the data
it asks for, a render; the report shows the new peilmoment's own figures (none of the old one's under its
label), the run-in sentence of a peilmoment inside a prognosis year and the changes against the edition as
published."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape

import pytest
import yaml
from helpers import (
    POLITIE_2024,
    TERMIJNEN_2025,
    voeg_periode_burap1_2025_toe,
    voeg_politie_2024_toe,
    voeg_verzuim_2025_toe,
)

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths


@pytest.mark.render
@pytest.mark.langzaam
def test_burap1_2025_gerenderd_zonder_oude_cijfers(cli, tmp_path, data_copy, tekst_copy, uitgave_burap2):
    vorige = tmp_path / "params" / "burap2-2024.yaml"
    vorige.parent.mkdir()
    shutil.copy(paths.DEFAULT_PARAMS, vorige)
    args = ("nieuwe-burap", "--van", vorige, "--naam", "burap1-2025", "--peilmoment", "BURAP 1 2025")
    assert cli(*args, "--data", data_copy)[0] == 2  # it lists what the data lack
    voeg_periode_burap1_2025_toe(data_copy)
    voeg_verzuim_2025_toe(data_copy)
    voeg_politie_2024_toe(data_copy)
    nieuw = vorige.parent / "burap1-2025.yaml"
    # The chapters run in their own kernels, which read report/tekst/: the new set is the shipped one unedited,
    # so the run names that; the previous edition is the one this session published (uitgave_burap2).
    inhoud = yaml.safe_load(nieuw.read_text(encoding="utf-8"))
    assert sorted(p.name for p in (tekst_copy / "burap1-2025").iterdir()) == sorted(
        p.name for p in (paths.ROOT / "report" / "tekst" / "burap2-2024").iterdir()
    )
    inhoud.update({"tekstset": "burap2-2024", "vorige_uitgave": str(uitgave_burap2)})
    nieuw.write_text(yaml.safe_dump(inhoud, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert cli("validate", "--params", nieuw, "--data", data_copy)[0] == 0

    uit = tmp_path / "uit"
    proces = subprocess.run(
        [sys.executable, "-m", "vt_analysis.cli", "render", "--params", str(nieuw), "--data", str(data_copy)]
        + ["--output", str(uit)],
        capture_output=True,
        text=True,
        timeout=3000,
        env=os.environ,
        check=False,
    )
    assert proces.returncode == 0, proces.stderr
    map_ = uit / "burap1-2025"
    resultaten = json.loads((map_ / "results.json").read_text(encoding="utf-8"))
    assert resultaten["peilmoment"] == "BURAP 1 2025"
    for naam, waarde in TERMIJNEN_2025.items():  # the calibration target is the new peilmoment's measurement
        assert resultaten["kengetallen"][naam]["waarde"] == waarde
    for naam, (waarde, _) in POLITIE_2024.items():  # the shares of 2024; the counts keep every year, 2024 added
        kengetal = resultaten["kengetallen"][naam]
        assert kengetal.get("2024", kengetal)["waarde"] == waarde
    html = unescape(re.sub(r"<[^>]+>", " ", (map_ / "impactanalyse.html").read_text(encoding="utf-8")))
    html = re.sub(r"\s+", " ", html)
    assert "BURAP 1 2025" in html
    # The queue chapter: the scenarios begin in the peilmoment's year, not with what it has left at its end.
    assert "met de wachtrij die het model eind 2025 overhoudt" not in html
    assert "overhoudt na een jaar op de aantallen van het peilmoment (BURAP 1 2025)" in html
    # The changes chapter compares with the edition as published (BURAP 2 2024, from its results.json).
    assert "Wijzigingen ten opzichte van BURAP 2 2024" in html
    # Tabel 'Prestatie-indicatoren': the column of the new peilmoment holds its own measured shares (it showed
    # BURAP II 2024's 72% and 71% under the new label).
    tabel = html[html.index("Indicator Norm Begroting 2025 voorstel DB BURAP 1 2025") :][:400]
    triage, onderzoek = (fmt.procent(w) for w in TERMIJNEN_2025.values())
    assert f"conform norm {triage} Onderzoek binnen de termijn" in tabel, tabel
    assert f"conform norm {onderzoek} Direct overgedragen" in tabel, tabel
