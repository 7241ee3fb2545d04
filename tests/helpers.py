"""Small helpers shared by the test modules (tests/ is on sys.path through conftest.py)."""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

# The keys every row of results.json's ``wachttijden`` keeps (the contract with readers of results.json);
# written out here, not taken from the package, so a renamed key in the package fails the tests.
WACHTTIJDEN_SLEUTELS = {
    "scenario",
    "maand",
    "pct_triage_binnen_5_werkdagen",
    "pct_onderzoek_binnen_10_weken",
    "backlog_mediaan",
    "wacht_p90_werkdagen",
}


def pdf_tekst(pad: Path) -> list[str]:
    """The PDF's text as pdftotext reads it, also with the line breaks joined (a name may be hyphenated)."""
    ruw = subprocess.run(["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True).stdout
    plat = re.sub(r"\s+", " ", ruw)
    return [ruw, plat, re.sub(r"-\s*\n\s*", "", ruw), re.sub(r"-\s*\n\s*", "-", ruw)]


def teksten_van(pad: Path) -> list[str]:
    """Every text a file of a run folder holds: a PDF's as read (one line), each part of a Word document or
    workbook, else the file itself."""
    if pad.suffix == ".pdf":
        return [pdf_tekst(pad)[1]]
    if pad.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(pad) as z:
            return [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    return [pad.read_bytes().decode("utf-8", "replace")]


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a fixture copy; the text must be there, or the test proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def voeg_periode_burap1_2025_toe(data: Path) -> None:
    """The data edit a BURAP 1 2025 run asks for first: its period as a row of volumes.csv."""
    with open(data / "volumes.csv", "a", encoding="utf-8") as f:
        f.write('BURAP 1 2025,2025,prognose,5100,4250,420,580,3800,580,58.90,4.50,"testregel"\n')


# The legal-term shares measured at BURAP 1 2025 (the queue model's calibration target), unlike 2024's.
TERMIJNEN_2025 = {"triage_binnen_5_werkdagen_realisatie_pct": 75, "onderzoek_binnen_10_weken_realisatie_pct": 69}


def voeg_verzuim_2025_toe(data: Path) -> None:
    """The other data edits a BURAP 1 2025 run asks for: the verzuim of 2025, the measured legal-term
    shares of its peilmoment and the queue model's start state there."""
    edit_file(
        data / "kengetallen.yaml",
        "verzuim_pct:\n",
        'verzuim_pct:\n  2025: {waarde: 8, eenheid: "%", bron: "testregel"}\n',
    )
    with open(data / "wachttijden.yaml", "a", encoding="utf-8") as f:
        f.write('  "BURAP 1 2025":\n    methode: inloop\n    bron: "testregel"\n')
    for naam, waarde in TERMIJNEN_2025.items():
        edit_file(
            data / "kengetallen.yaml",
            f"\n{naam}:\n",
            f'\n{naam}:\n  2025: {{waarde: {waarde}, eenheid: "%", bron: "testregel"}}\n',
        )


# The police figures of 2024 a BURAP 1 2025 run asks for (its last closed year), deliberately unlike 2023's.
POLITIE_2024 = {
    "politie_aandeel_meldingen_pct": (71, "%"),
    "politie_teruggelegd_pct": (3, "%"),
    "politie_afgerond_zonder_inzet_pct": (0.8, "%"),
    "politie_naar_jpt_pct": (5, "%"),
    "lokaal_team_aandeel_meldingen_pct": (3.5, "%"),
    "politie_meldingen": (3650, "meldingen"),
    "politie_teruggelegd": (140, "meldingen"),
    "afgerond_zonder_inzet": (31, "meldingen"),
}


def voeg_politie_2024_toe(data: Path) -> None:
    """The police and lokaal-team figures of 2024, as a BURAP 1 2025 run asks for them."""
    for naam, (waarde, eenheid) in POLITIE_2024.items():
        edit_file(
            data / "kengetallen.yaml",
            f"\n{naam}:\n",
            f'\n{naam}:\n  2024: {{waarde: {waarde}, eenheid: "{eenheid}", bron: "testregel"}}\n',
        )


def params_fout(cli, params: Path) -> str:
    """Validate a params file that must be rejected: exit 2, one line, no traceback; returns the line."""
    code, out, err = cli("validate", "--params", params)
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    return err.strip()


def chromium_dom(
    chromium: str, pagina: Path, *, netwerk_dicht: bool = True, extra: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """Headless Chromium's DOM of a page after its scripts ran (stdout), with its console log (stderr).

    ``netwerk_dicht`` sends every request to a closed port; without it the page can reach a local
    test server, so a test can count what it tried to fetch. ``extra``: more switches (a window size,
    JavaScript off).
    """
    args = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=10000",
        "--dump-dom",
        *extra,
    ]
    if netwerk_dicht:
        args.append("--proxy-server=http://127.0.0.1:9")
    with tempfile.TemporaryDirectory() as profiel:
        return subprocess.run(
            [*args, f"--user-data-dir={profiel}", pagina.as_uri()], capture_output=True, text=True, timeout=120
        )
