"""Which kengetal of which year a run reads: the years follow from the params and the volumes.

Every figure that ages is keyed by year in kengetallen.yaml (data.VEROUDEREND); a run takes each from the year
its params name (the begroting's year, the last closed year before the peilmoment, the peilmoment's year), and
validation, ``nieuwe-burap`` and the run's loading all ask this module which years those are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer.data import PER_BEGROTINGSJAAR, PER_PEILJAAR, PER_VORIG_JAAR, VEROUDEREND, Dataset
from vt_analysis.invoer.params_secties import prognose_jaren
from vt_analysis.invoer.periode import periode_rij

if TYPE_CHECKING:
    from vt_analysis.invoer.params import RunParams

_JAAR_IN_NAAM = re.compile(r"\b(20\d\d)\b")
# Police counts of a year, beside the shares of PER_VORIG_JAAR: the same year is needed.
_POLITIE_AANTALLEN = ("politie_meldingen", "politie_teruggelegd", "afgerond_zonder_inzet")


def jaar_van_periode(periode: str | None, dataset: Dataset) -> int | None:
    """The year of a period: its ``jaar`` in volumes.csv, else the year in its name (``BURAP 1 2025``)."""
    try:
        return int(periode_rij(dataset.volumes, periode)["jaar"])
    except KeyError:
        pass
    m = _JAAR_IN_NAAM.search(periode or "")
    return int(m.group(1)) if m else None


def benodigde_kengetallen(params: RunParams, dataset: Dataset) -> list[tuple[str, int, str]]:
    """Every (kengetal, jaar) the run reads, with why: the years follow from the params and the volumes.

    - ``fte_beschikbaar``: every prognose year (the scenarios compare against it);
    - ``winstwaarschuwing_meldingen``/``_adviezen``: the year of the begroting period (prognose variant);
    - ``verzuim_pct``: the peilmoment's year (calibration of the queue model; the verzuim scenario takes
      the highest of the last three years there are);
    - the figures that age (data.VEROUDEREND): the begroting's agreements and prices of the begroting
      year, the police shares and counts of the last closed year before the peilmoment.
    """
    nodig: list[tuple[str, int, str]] = []
    p = params.prognose
    jaren = prognose_jaren(p, dataset)
    nodig += [("fte_beschikbaar", j, "prognosejaar") for j in jaren]
    begroting = p.begroting_periode or params.besluit_periode
    if (j := jaar_van_periode(begroting, dataset)) is not None:
        reden = f"jaar van de begrotingsperiode {begroting!r}"
        nodig += [("winstwaarschuwing_meldingen", j, reden), ("winstwaarschuwing_adviezen", j, reden)]
    if (j := jaar_van_periode(params.peilmoment, dataset)) is not None:
        nodig.append(("verzuim_pct", j, f"jaar van peilmoment {params.peilmoment!r}"))
        reden = f"laatste afgesloten jaar vóór peilmoment {params.peilmoment!r}"
        nodig += [(naam, j - 1, reden) for naam in (*PER_VORIG_JAAR, *_POLITIE_AANTALLEN)]
        reden = f"gemeten op peilmoment {params.peilmoment!r} (kalibratie van het wachtrijmodel)"
        nodig += [(naam, j, reden) for naam in PER_PEILJAAR]
    aanvraag = params.aanvraag_periode or params.besluit_periode
    if (j := jaar_van_periode(aanvraag, dataset)) is not None:
        nodig += [(naam, j, f"begrotingsjaar van {aanvraag!r}") for naam in PER_BEGROTINGSJAAR]
    return nodig


def jaren_voor_run(params: RunParams, dataset: Dataset) -> dict[str, int]:
    """The year each aging figure of the run is taken from (see :func:`benodigde_kengetallen`)."""
    return {naam: jaar for naam, jaar, _ in benodigde_kengetallen(params, dataset) if naam in VEROUDEREND}


def ontbrekende_kengetallen(params: RunParams, dataset: Dataset) -> list[tuple[str, int, str]]:
    """The (kengetal, jaar, why) the run needs and kengetallen.yaml lacks, in the order they are needed."""
    kg = dataset.kengetallen_bestand or dataset.kengetallen
    gezien = set()
    ontbrekend = []
    for naam, jaar, reden in benodigde_kengetallen(params, dataset):
        if jaar not in getattr(kg, naam) and (naam, jaar) not in gezien:
            ontbrekend.append((naam, jaar, reden))
        gezien.add((naam, jaar))
    return ontbrekend


def check_kengetallen_jaren(params: RunParams, dataset: Dataset) -> None:
    """Every year the run uses has its kengetallen: a new BURAP fails here, not with a KeyError later."""
    ontbrekend = ontbrekende_kengetallen(params, dataset)
    if ontbrekend:
        naam, jaar, reden = ontbrekend[0]
        aanwezig = ", ".join(map(str, sorted(getattr(dataset.kengetallen_bestand or dataset.kengetallen, naam))))
        rest = f"; ontbreekt ook: {', '.join(f'{n} {j}' for n, j, _ in ontbrekend[1:])}" if len(ontbrekend) > 1 else ""
        raise InvoerFout(
            dataset.directory / paths.KENGETALLEN_FILE,
            f"sleutel {naam}",
            f"geen waarde voor {jaar} ({reden}), aanwezig: {aanwezig}; "
            f"voeg '{jaar}: {{waarde: …, eenheid: …, bron: …}}' toe{rest}",
        )
