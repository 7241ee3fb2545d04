"""The run's own folders: another region's data and text set, named in its params relative to the params file.

The params keep the folder as the file writes it (what the manifest shows and the caches key on: the same
run in another checkout gives the same edition); only loading resolves it, against the params file's folder
(``RunParams.params_map``, set by ``load_params``). A params mapping injected into a chapter's kernel has no
file: it carries the folders already resolved (:func:`met_mappen_opgelost`).
"""

from __future__ import annotations

from pathlib import Path

from vt_analysis.basis import paths

# The params keys that name a folder relative to the params file, and what that folder holds.
MAP_SLEUTELS = {"tekstset_map": "de map met de tekstblokken", "data_map": "de map met de gegevens"}


def map_van(params, sleutel: str) -> Path | None:
    """The folder a params key names, resolved against the params file's folder; None when the key is empty."""
    waarde = getattr(params, sleutel, None)
    if waarde is None:
        return None
    basis = getattr(params, "params_map", None)
    return (Path(basis) / waarde).resolve() if basis is not None else Path(waarde)


def data_map_van(params) -> Path:
    """The data folder a run is the real edition of: its params' ``data_map`` (another region), else ``data/``."""
    return map_van(params, "data_map") or paths.DATA_DIR


def map_in_uitgave(map_: Path, params) -> str:
    """A data folder as an edition names it (a what-if's mark on every page, its manifest, chapters and cache
    keys): relative to the repository or to the params file's folder, else by its own name; never the machine's
    path, so the same what-if gives the same pages and keys from any checkout or working folder."""
    naam = paths.naam_in_uitgave(map_, getattr(params, "params_map", None)) or Path(map_).resolve().name
    return f"{naam}/"


def met_mappen_opgelost(params) -> dict:
    """The params as a chapter's kernel gets them (it has no params file): the folder keys resolved. Only for
    running; what is shown and hashed is ``params.model_dump()``, the folders as written."""
    uit = params.model_dump(mode="json")
    for sleutel in MAP_SLEUTELS:
        if (map_ := map_van(params, sleutel)) is not None:
            uit[sleutel] = str(map_)
    return uit
