"""What-ifs: a run on another data folder or with a ``wat_als`` section in its params.

A what-if is kept apart from the real edition (its own output folder, ``report/output/wat-als/``), and
every page says what it is: the data folder it used and what differs from ``data/`` and the params. The
``wat_als`` section scales counts the way a spreadsheet user expects: ``meldingen_pct: 10`` raises
every count of the period by 10%, so the mix per melding (overdragen, onderzoeken, adviezen per melding)
stays as it was. Scaling only the meldingen column would shrink the work per melding instead.

Counts that break a relation the data should keep, or jump by more than :data:`SPRONG_FACTOR` against
the previous period, give a warning (not an error): an extra 0 typed in a count is caught this way.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from pydantic import Field

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.basis.schema import Strikt
from vt_analysis.invoer.data import TELLINGEN, Dataset, load_kengetallen, load_volumes
from vt_analysis.invoer.mappen import data_map_van, map_in_uitgave
from vt_analysis.invoer.periode import periode_index

WAT_ALS_MAP = "wat-als"  # under the output folder: report/output/wat-als/<run>/
# A count more than this factor above or below the previous period's is flagged (a typo, not a trend:
# the largest yearly change of the seed's meldingen is about 10%).
SPRONG_FACTOR = 1.5
MAX_VERSCHILLEN = 6  # changed cells named per file; the rest are counted


class WatAlsParams(Strikt):
    """The params section ``wat_als``: a stated change on top of the data, for a what-if run."""

    omschrijving: str | None = Field(
        title="Wat-als: omschrijving", default=None, max_length=200, description="wat deze wat-als onderzoekt"
    )
    meldingen_pct: float = Field(
        title="Wat-als: tellingen (%)",
        default=0,
        ge=-90,
        le=500,
        description="alle tellingen van de perioden in %, de mix per melding blijft gelijk",
    )
    perioden: list[str] | None = Field(
        title="Wat-als: perioden die meeschalen",
        default=None,
        description="perioden die meeschalen; leeg = het peilmoment",
    )


def geschaalde_perioden(params) -> list[str]:
    w = params.wat_als
    return list(w.perioden) if w is not None and w.perioden else [params.peilmoment]


def pas_toe(params, dataset: Dataset, bron: Path | str = "params") -> Dataset:
    """The dataset with the ``wat_als`` section applied: every count of the named periods scaled alike."""
    w = params.wat_als
    if w is None or not w.meldingen_pct:
        return dataset
    volumes = dataset.volumes.copy()
    for periode in geschaalde_perioden(params):
        try:
            rij = periode_index(volumes, periode)
        except KeyError:
            raise InvoerFout(bron, "sleutel wat_als.perioden", f"{periode!r} is geen periode in volumes.csv") from None
        for telling in TELLINGEN:
            volumes.loc[rij, telling] = round(float(volumes.loc[rij, telling]) * (1 + w.meldingen_pct / 100))
    return replace(dataset, volumes=volumes)


def is_wat_als(params, data_dir: Path) -> bool:
    """A run is a what-if when its data folder is not its own (``data/``, or the region's ``data_map``) or its
    params carry a ``wat_als`` section."""
    return params.wat_als is not None or Path(data_dir).resolve() != data_map_van(params).resolve()


def _sha(pad: Path) -> str | None:
    return hashlib.sha256(pad.read_bytes()).hexdigest() if pad.is_file() else None


def _volumes_verschil(eigen: Path, echt: Path) -> list[str]:
    a = load_volumes(echt).set_index("periode")
    b = load_volumes(eigen).set_index("periode")
    uit = [f"periode {p} erbij" for p in b.index if p not in a.index]
    uit += [f"periode {p} weg" for p in a.index if p not in b.index]
    for periode in (p for p in b.index if p in a.index):
        for kolom in (*TELLINGEN, "fte_structureel", "fte_incidenteel"):
            x, y = a.loc[periode, kolom], b.loc[periode, kolom]
            if x != y:
                opmaak = fmt.fte if kolom.startswith("fte") else fmt.aantal
                uit.append(f"{periode} {kolom.replace('_', ' ')} {opmaak(x)} → {opmaak(y)}")
    return uit


def _kengetallen_verschil(eigen: Path, echt: Path) -> list[str]:
    a = kengetal_waarden(load_kengetallen(echt).model_dump(mode="json"))
    b = kengetal_waarden(load_kengetallen(eigen).model_dump(mode="json"))
    uit = []
    for naam in dict.fromkeys([*a, *b]):
        x, y = a.get(naam), b.get(naam)
        if (x and x[0]) != (y and y[0]) or (x is None) != (y is None):
            uit.append(f"{naam} {fmt.getal(x[0], 2) if x else '–'} → {fmt.getal(y[0], 2) if y else '–'}")
    return uit


def _ingekort(regels: list[str]) -> str:
    meer = len(regels) - MAX_VERSCHILLEN
    return "; ".join(regels[:MAX_VERSCHILLEN]) + (f" en nog {meer}" if meer > 0 else "")


def verschillen(params, data_dir: Path) -> list[str]:
    """What makes this run a what-if, in Dutch: the data folder, each file that differs from data/ and how,
    and the ``wat_als`` section."""
    data_dir = Path(data_dir)
    eigen_map = data_map_van(params)
    # both folders as the edition names them (the same words from any machine or working folder)
    eigen_naam = map_in_uitgave(eigen_map, params)
    uit = []
    if data_dir.resolve() != eigen_map.resolve():
        naam = map_in_uitgave(data_dir, params)
        naam = f"een andere map met de naam {naam}" if naam == eigen_naam else naam
        uit.append(f"gegevens uit {naam} in plaats van {eigen_naam}")
        for naam in (paths.VOLUMES_FILE, paths.NORMEN_FILE, paths.KENGETALLEN_FILE, paths.CLAIMS_FILE):
            eigen, echt = data_dir / naam, eigen_map / naam
            if _sha(eigen) == _sha(echt):
                continue
            detail = []
            if naam == paths.VOLUMES_FILE:
                detail = _volumes_verschil(eigen, echt)
            elif naam == paths.KENGETALLEN_FILE:
                detail = _kengetallen_verschil(eigen, echt)
            uit.append(f"{naam}: {_ingekort(detail)}" if detail else f"{naam} anders")
        for naam in sorted({p.name for p in data_dir.iterdir()} - {p.name for p in eigen_map.iterdir()}):
            if naam.endswith((".csv", ".yaml")):
                uit.append(f"{naam} erbij")
    w = params.wat_als
    if w is not None:
        if w.meldingen_pct:
            uit.append(
                f"alle tellingen van {', '.join(geschaalde_perioden(params))} "
                f"{'+' if w.meldingen_pct > 0 else ''}{fmt.getal(w.meldingen_pct, 1).removesuffix(',0')}% "
                "(de mix per melding gelijk)"
            )
        if w.omschrijving:
            uit.insert(0, w.omschrijving)
    if not uit:
        uit.append(f"geen verschil met {eigen_naam} en de params")
    return uit


def merktekst(params, data_dir: Path) -> str:
    """The line every page of a what-if carries."""
    return "Wat-als: " + "; ".join(verschillen(params, data_dir))


# --- plausibility -------------------------------------------------------------------------------------

# Counts of a period that cannot exceed its meldingen (each is a part of, or follows from, a melding).
_DEEL_VAN_MELDINGEN = ("overdragen", "overdracht_ondersteuning", "onderzoek", "monitoring")


def plausibiliteit(dataset: Dataset, factor: float = SPRONG_FACTOR) -> list[str]:
    """Warnings (not errors) for counts that break a relation or jump by more than ``factor``."""
    bestand = paths.display_path(dataset.directory / paths.VOLUMES_FILE)
    uit = []
    vorige = None
    for _, rij in dataset.volumes.iterrows():
        for telling in _DEEL_VAN_MELDINGEN:
            if rij[telling] > rij["meldingen"]:
                uit.append(
                    f"{bestand}, periode {rij['periode']!r}: {telling} ({fmt.aantal(rij[telling])}) is meer dan "
                    f"de meldingen ({fmt.aantal(rij['meldingen'])})"
                )
        samen = rij["overdragen"] + rij["overdracht_ondersteuning"]
        if samen > rij["meldingen"]:
            uit.append(
                f"{bestand}, periode {rij['periode']!r}: overdragen en overdracht met ondersteuning samen "
                f"({fmt.aantal(samen)}) zijn meer dan de meldingen ({fmt.aantal(rij['meldingen'])})"
            )
        if vorige is not None:
            for telling in TELLINGEN:
                x, y = vorige[telling], rij[telling]
                if x > 0 and y > 0 and not 1 / factor <= y / x <= factor:
                    uit.append(
                        f"{bestand}, periode {rij['periode']!r}: {telling} {fmt.aantal(y)} tegen {fmt.aantal(x)} in "
                        f"{vorige['periode']!r}, een sprong van meer dan een factor "
                        f"{fmt.getal(factor, 1).removesuffix(',0')} (een tikfout?)"
                    )
        vorige = rij
    return uit


def kengetal_waarden(kengetallen: dict) -> dict[str, tuple[float, str, str]]:
    """Kengetallen as JSON (a run's, as in results.json) → 'naam' or 'naam jaar' → (waarde, eenheid, bron)."""
    uit = {}
    for naam, waarde in kengetallen.items():
        if isinstance(waarde, dict) and "waarde" in waarde:
            uit[naam] = (waarde["waarde"], waarde.get("eenheid", ""), waarde.get("bron", ""))
        elif isinstance(waarde, dict):
            for jaar, kg in waarde.items():
                uit[f"{naam} {jaar}"] = (kg["waarde"], kg.get("eenheid", ""), kg.get("bron", ""))
    return uit
