"""Base model for every params section: unknown keys are errors, not warnings (papermill #818)."""

from pydantic import BaseModel, ConfigDict


class Strikt(BaseModel):
    """A params section: ``extra="forbid"`` so a typo is an error with a did-you-mean."""

    model_config = ConfigDict(extra="forbid")
