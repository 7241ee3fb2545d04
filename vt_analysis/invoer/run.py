"""Loading one run: the validated params plus the validated dataset, checked against each other."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from vt_analysis.basis import paths
from vt_analysis.invoer.data import Dataset, kengetallen_voor, load_dataset
from vt_analysis.invoer.kengetaljaren import jaren_voor_run
from vt_analysis.invoer.mappen import data_map_van
from vt_analysis.invoer.params import (
    RunParams,
    check_params_tegen_data,
    load_params,
    validate_params,
)
from vt_analysis.invoer.risicos import RISICOS_FILE, geen_risicos, load_risicos
from vt_analysis.invoer.verdeling import VERDEELSLEUTEL_FILE, Verdeelsleutel, load_verdeelsleutel
from vt_analysis.invoer.watals import pas_toe


@dataclass(frozen=True)
class Run:
    """Everything a chapter needs: params and data, both validated."""

    params: RunParams
    data: Dataset
    params_bestand: Path | None = None
    # The risks the board weighs (data/risicos.yaml) and the key that splits A's amount over its financiers
    # or gemeenten (data/verdeelsleutel.yaml; None: the data hold no key, the report names it as missing).
    risicos: pd.DataFrame = field(default_factory=geen_risicos)
    verdeelsleutel: Verdeelsleutel | None = None


def load_run(params: Path | str | dict | None = None, data_dir: Path | str | None = None) -> Run:
    """Load a run from a params file, or from a params mapping injected by papermill.

    ``None`` means the default run (``report/params/burap2-2024.yaml``), so a chapter notebook
    also opens and runs on its own in Jupyter; no ``data_dir``: the params' own data folder (``data_map``,
    another region's), else ``data/``.
    """
    bestand = None
    if params is None:
        params = paths.DEFAULT_PARAMS
    if isinstance(params, dict):
        run_params = validate_params(params, "params")
    else:
        bestand = Path(params)
        run_params = load_params(bestand)
    dataset = load_dataset(Path(data_dir) if data_dir is not None else data_map_van(run_params))
    dataset = pas_toe(run_params, dataset, bestand or "params")  # a what-if's scaled counts (watals.py)
    check_params_tegen_data(run_params, dataset, bestand or "params")
    # The figures that age, of the years this run needs (checked to be there just above).
    kengetallen = kengetallen_voor(dataset.kengetallen_bestand, jaren_voor_run(run_params, dataset))
    risicos_pad = dataset.directory / RISICOS_FILE
    return Run(
        params=run_params,
        data=replace(dataset, kengetallen=kengetallen),
        params_bestand=bestand,
        risicos=load_risicos(risicos_pad) if risicos_pad.exists() else geen_risicos(),
        verdeelsleutel=load_verdeelsleutel(dataset.directory / VERDEELSLEUTEL_FILE),
    )
