"""Base model for every params section: unknown keys are errors, not warnings (papermill #818)."""

import math

from pydantic import BaseModel, ConfigDict, model_validator

from vt_analysis.basis.errors import SleutelFout

# No params value of this report comes near a billion (counts, euro, years, percentages):
# a bigger number is a typo, and it would overflow the sums downstream.
MAX_GETAL = 1e9


def _check_getal(sleutel: str, waarde: object) -> None:
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float)):
        return
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise SleutelFout(sleutel, f"{waarde!r} is geen eindig getal, verwacht een gewoon getal (geen .nan of .inf)")
    if abs(waarde) > MAX_GETAL:
        tekst = repr(waarde) if len(repr(waarde)) <= 30 else f"een getal van {len(str(abs(int(waarde))))} cijfers"
        raise SleutelFout(
            sleutel, f"{tekst} is onwaarschijnlijk groot, verwacht hoogstens {MAX_GETAL:.0e} in absolute waarde"
        )


class Strikt(BaseModel):
    """A params section: ``extra="forbid"`` so a typo is an error with a did-you-mean; finite, sane numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _eindige_getallen(cls, inhoud: object) -> object:
        if isinstance(inhoud, dict):
            for sleutel, waarde in inhoud.items():
                for item in waarde if isinstance(waarde, list) else [waarde]:
                    _check_getal(str(sleutel), item)
        return inhoud
