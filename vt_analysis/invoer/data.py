"""The datasets in ``data/``: one loader per file, and the dataset of one data directory.

Every loader validates before it returns; bad input raises :class:`InvoerFout` with one line that
names the file, the row or key, the value and what was expected. The file reading, the CSV dialect,
the YAML layer and the schemas live in their own modules; the names other modules use are re-exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout, from_validation_error
from vt_analysis.invoer.csvdialect import check_unique, read_csv_strict, validate_rows
from vt_analysis.invoer.schema_kengetallen import (
    PER_BEGROTINGSJAAR,
    PER_PEILJAAR,
    PER_VORIG_JAAR,
    VEROUDEREND,
    Kengetal,
    Kengetallen,
    KengetallenBestand,
    kengetallen_frame,
    kengetallen_voor,
)
from vt_analysis.invoer.schema_tellingen import (
    CLAIM_KOLOMMEN,
    TELLING_NAMEN,
    TELLINGEN,
    VOLUME_KOLOMMEN,
    ClaimRij,
    Normen,
    Normset,
    VolumeRij,
)
from vt_analysis.invoer.schema_wachttijden import (
    HISTORIE_KOLOMMEN,
    HistorieRij,
    Wachtlijsten,
    Wachtrijaannames,
    historie_maanden,
)
from vt_analysis.invoer.yamllaag import load_yaml

# What other modules import from here (the loaders' building blocks live in their own modules).
__all__ = [
    "PER_BEGROTINGSJAAR",
    "PER_PEILJAAR",
    "PER_VORIG_JAAR",
    "TELLING_NAMEN",
    "TELLINGEN",
    "VEROUDEREND",
    "Dataset",
    "Kengetal",
    "Kengetallen",
    "Normen",
    "Normset",
    "Wachtlijsten",
    "Wachtrijaannames",
    "kengetallen_frame",
    "kengetallen_voor",
    "load_claims",
    "load_dataset",
    "load_kengetallen",
    "load_normen",
    "load_volumes",
    "load_wachttijden",
]


def load_volumes(path: Path) -> pd.DataFrame:
    """``volumes.csv``: one row per period of Bijlage 2, in file order, indexed by nothing."""
    df = read_csv_strict(path, VOLUME_KOLOMMEN, decimale_kolommen=("fte_structureel", "fte_incidenteel"))
    rijen = validate_rows(path, df, VolumeRij, "periode")
    check_unique(path, [r.periode for r in rijen], "periode")
    out = pd.DataFrame([r.model_dump() for r in rijen])
    return out.astype({k: "int64" for k in ("jaar", *TELLINGEN)})


def load_claims(path: Path) -> pd.DataFrame:
    """``claims.csv``: one row per claim; unstated counts are ``<NA>`` (nullable Int64)."""
    df = read_csv_strict(path, CLAIM_KOLOMMEN, decimale_kolommen=("fte_volgens_bron",))
    rijen = validate_rows(path, df, ClaimRij, "claim_id")
    check_unique(path, [r.claim_id for r in rijen], "claim_id")
    out = pd.DataFrame([r.model_dump() for r in rijen], columns=list(CLAIM_KOLOMMEN))
    return out.astype({"jaar": "int64", "fte_volgens_bron": "float64", **{k: "Int64" for k in TELLINGEN}})


def load_normen(path: Path) -> Normen:
    """``normen.yaml``: the normsets of Bijlage 1 (regionaal, landelijk)."""
    try:
        return Normen.model_validate(load_yaml(path))
    except ValidationError as exc:
        raise from_validation_error(path, exc) from None


def load_kengetallen(path: Path) -> BaseModel:
    """``kengetallen.yaml``: the other figures of the seed, each with unit and source (a KengetallenBestand)."""
    try:
        return KengetallenBestand.model_validate(load_yaml(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        if err["type"] == "value_error":
            raise InvoerFout(path, "", str(err["ctx"]["error"])) from None
        raise from_validation_error(path, exc) from None


def load_wachttijden(path: Path) -> Wachtrijaannames:
    """``wachttijden.yaml``: the stated assumptions of the queue model."""
    try:
        return Wachtrijaannames.model_validate(load_yaml(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        if err["type"] == "value_error":
            raise InvoerFout(path, ".".join(str(p) for p in err["loc"]), str(err["ctx"]["error"])) from None
        raise from_validation_error(path, exc) from None


# --- wachttijden_historie.csv (optional) ---------------------------------------------------------


def load_historie(path: Path) -> pd.DataFrame | None:
    """``wachttijden_historie.csv`` when present (else None): per queue the same consecutive periods, all
    months or all quarters, at least two (the last is held out to test the fit)."""
    if not path.exists():
        return None
    df = read_csv_strict(path, HISTORIE_KOLOMMEN, decimale_kolommen=("pct_binnen_termijn",))
    rijen = validate_rows(path, df, HistorieRij, "periode")
    check_unique(path, [f"{r.periode} {r.wachtrij}" for r in rijen], "periode en wachtrij")
    out = pd.DataFrame([r.model_dump() for r in rijen], columns=list(HISTORIE_KOLOMMEN))
    soort = {"K" in p for p in out["periode"]}
    if len(soort) > 1:
        raise InvoerFout(path, "kolom periode", "maanden en kwartalen door elkaar, verwacht één van de twee")
    perioden = {}
    for wachtrij, groep in out.groupby("wachtrij"):
        volgorde = sorted(groep["periode"])
        stap = 3 if soort == {True} else 1
        index = [historie_maanden(p)[0] * 12 + historie_maanden(p)[1][0] for p in volgorde]
        gat = next((p for p, a, b in zip(volgorde[1:], index, index[1:], strict=False) if b - a != stap), None)
        if gat is not None:
            raise InvoerFout(
                path, f"periode {gat!r}, wachtrij {wachtrij}", "sluit niet aan, verwacht opeenvolgende perioden"
            )
        perioden[wachtrij] = volgorde
    if set(perioden) != {"triage", "onderzoek"} or perioden["triage"] != perioden["onderzoek"]:
        raise InvoerFout(path, "kolom wachtrij", "verwacht voor triage en onderzoek dezelfde perioden")
    if len(perioden["triage"]) < 2:
        raise InvoerFout(path, "", "één periode, verwacht er minstens twee (de laatste toetst de kalibratie)")
    return out.sort_values(["wachtrij", "periode"]).reset_index(drop=True)


# --- the dataset as a whole ------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """All validated inputs of one data directory.

    ``kengetallen`` is the file as written (a KengetallenBestand) until a run takes its years from it
    (run.load_run): then it holds the run's :class:`Kengetallen`, and ``kengetallen_bestand`` the file.
    """

    directory: Path
    volumes: pd.DataFrame
    normen: Normen
    kengetallen: Kengetallen
    claims: pd.DataFrame
    wachttijden: Wachtrijaannames
    kengetallen_bestand: BaseModel | None = None
    historie: pd.DataFrame | None = None  # wachttijden_historie.csv, optional

    def bestanden(self) -> list[Path]:
        """The input files this dataset was read from (for the manifest)."""
        return sorted(p for p in self.directory.iterdir() if p.is_file() and p.suffix in (".csv", ".yaml"))


def load_dataset(data_dir: Path | str = paths.DATA_DIR) -> Dataset:
    """Load and validate every file of a data directory; the first bad file stops everything."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InvoerFout(data_dir, "", "map met datasets ontbreekt")
    kengetallen = load_kengetallen(data_dir / paths.KENGETALLEN_FILE)
    return Dataset(
        directory=data_dir,
        volumes=load_volumes(data_dir / paths.VOLUMES_FILE),
        normen=load_normen(data_dir / paths.NORMEN_FILE),
        kengetallen=kengetallen,
        claims=load_claims(data_dir / paths.CLAIMS_FILE),
        wachttijden=load_wachttijden(data_dir / paths.WACHTTIJDEN_FILE),
        kengetallen_bestand=kengetallen,
        historie=load_historie(data_dir / paths.HISTORIE_FILE),
    )
