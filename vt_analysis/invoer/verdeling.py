"""Who pays A: the amount per financier or per gemeente, when ``data/verdeelsleutel.yaml`` gives the key.

Veilig Thuis is paid from two streams for one product (seed, 'Winstwaarschuwing 1'): the subsidy of the
centrumgemeenten and the inwonerbijdrage of the gemeenten. How A's amount is split over them, or over the
gemeenten, is a decision with a key that the data do not hold; without the file the report names the missing
key and splits nothing. With it, every part is rounded to the euro so that the shown parts add up to the
shown total (largest remainder), as everywhere in the report.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vt_analysis.basis.errors import InvoerFout, SleutelFout, from_validation_error
from vt_analysis.invoer.yamllaag import load_yaml

VERDEELSLEUTEL_FILE = "verdeelsleutel.yaml"
KOLOMMEN = ["soort", "deel", "aandeel_pct", "periode", "bedrag_euro"]
SOORTEN = ("financiers", "gemeenten")
TOTAAL = "totaal"

Aandelen = dict[str, float]


class Verdeelsleutel(BaseModel):
    """The key as decided: a share in percent per financier and/or per gemeente, each set adding up to 100."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    bron: str = Field(min_length=1, max_length=300)
    financiers: dict[str, float] | None = Field(default=None, min_length=1)
    gemeenten: dict[str, float] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _honderd(self):
        if self.financiers is None and self.gemeenten is None:
            raise SleutelFout("financiers", "ontbreekt, verwacht financiers of gemeenten met hun aandeel in %")
        for soort in SOORTEN:
            aandelen = getattr(self, soort)
            for naam, pct in (aandelen or {}).items():
                if not 0 <= pct <= 100:
                    raise SleutelFout(f"{soort}.{naam}", f"{pct} is geen percentage, verwacht 0 tot 100")
            if aandelen is not None and not math.isclose(sum(aandelen.values()), 100, abs_tol=0.01):
                som = f"{sum(aandelen.values()):.2f}".replace(".", ",")
                raise SleutelFout(soort, f"de aandelen tellen op tot {som}%, verwacht 100%")
        return self


def load_verdeelsleutel(path: Path) -> Verdeelsleutel | None:
    """``verdeelsleutel.yaml`` when present (None: the data hold no key)."""
    if not path.exists():
        return None
    if not path.is_file():
        raise InvoerFout(path, "", "geen gewoon bestand, verwacht een YAML-bestand met de verdeelsleutel")
    try:
        return Verdeelsleutel.model_validate(load_yaml(path))
    except ValidationError as exc:
        raise from_validation_error(path, exc) from None


def verdeel_bedrag(bedrag_euro: float, aandelen: Aandelen) -> dict[str, int]:
    """An amount in whole euros over shares, the parts adding up to the rounded total (largest remainder)."""
    totaal = int(round(bedrag_euro))
    exact = {naam: totaal * pct / 100 for naam, pct in aandelen.items()}
    delen = {naam: math.floor(w) for naam, w in exact.items()}
    rest = totaal - sum(delen.values())
    for naam in sorted(exact, key=lambda n: exact[n] - delen[n], reverse=True)[:rest]:
        delen[naam] += 1
    return delen


def a_bedragen(kerncijfers: dict[str, float], jaren: list[int]) -> dict[str, float]:
    """A's amount per year of the bridging period and over the whole of it (results ``kerncijfers``)."""
    per_jaar = {str(j): kerncijfers[f"a_kosten_{j}_euro"] for j in jaren}
    return per_jaar | {TOTAAL: sum(per_jaar.values())}


def verdeling(sleutel: Verdeelsleutel | None, bedragen: dict[str, float]) -> pd.DataFrame:
    """Per kind of key, part and period (a year, or ``totaal``): its share of A's amount in euro.

    ``bedragen`` maps period → amount (A's cost per year and over the bridging period). The total row is
    the sum of the yearly parts, so a part's years add up to its total.
    """
    if sleutel is None:
        return pd.DataFrame(columns=KOLOMMEN)
    rijen = []
    for soort in SOORTEN:
        aandelen = getattr(sleutel, soort)
        if not aandelen:
            continue
        jaren = [k for k in bedragen if k != TOTAAL]
        per_jaar = {j: verdeel_bedrag(bedragen[j], aandelen) for j in jaren}
        for naam, pct in aandelen.items():
            rij = {"soort": soort, "deel": naam, "aandeel_pct": pct}
            rijen += [rij | {"periode": j, "bedrag_euro": per_jaar[j][naam]} for j in jaren]
            rijen.append(rij | {"periode": TOTAAL, "bedrag_euro": sum(per_jaar[j][naam] for j in jaren)})
    return pd.DataFrame(rijen, columns=KOLOMMEN)
