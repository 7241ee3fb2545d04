"""Walking the params schema by a key's path: the section a key sits in, a did-you-mean for a misspelt key,
and the Dutch title of a key. The titles are the ``title`` of each params field, so a label for the reader
lives beside the field it names and a new field cannot be shown by its raw key.
"""

from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel


def sectiemodel(annotation: object) -> type[BaseModel] | None:
    """The params model behind an annotation: the model itself, or inside ``list[...]`` / ``... | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        model = sectiemodel(arg)
        if model is not None:
            return model
    return None


def _section(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The section model that holds the last part of ``loc`` (items of a list section have its model)."""
    section: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = section.model_fields.get(str(part)) if section else None
        section = sectiemodel(getattr(field, "annotation", None))
        if section is None:
            return None
    return section


def suggestie(model: type[BaseModel], loc: tuple) -> str:
    """Did-you-mean for an unknown key: the closest field name of the section it sits in (also in lists)."""
    section = _section(model, loc)
    if section is None:
        return ""
    matches = difflib.get_close_matches(str(loc[-1]), list(section.model_fields), n=1, cutoff=0.6)
    return f" (bedoelde je {matches[0]!r}?)" if matches else ""


def titel(model: type[BaseModel], sleutel: str) -> str:
    """The Dutch title of a params key such as ``scenario_c.echtscheiding_pct``; KeyError for a key that is
    not in the schema or has no title (a test holds every field to having one)."""
    loc = tuple(sleutel.split("."))
    section = _section(model, loc)
    veld = section.model_fields.get(loc[-1]) if section else None
    if veld is None or not veld.title:
        raise KeyError(sleutel)
    return veld.title


def bladsleutels(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key of the schema that holds a value (sections walked, a list section's item fields once)."""
    uit: list[str] = []
    for naam, veld in model.model_fields.items():
        section = sectiemodel(veld.annotation)
        uit += bladsleutels(section, f"{prefix}{naam}.") if section else [f"{prefix}{naam}"]
    return uit
