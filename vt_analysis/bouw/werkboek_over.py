"""The workbook's first sheet: which run, which sources, which version (taken from the manifest)."""

from __future__ import annotations

from vt_analysis.invoer.run import Run


def werkboek_over(run: Run, manifest_: dict) -> dict:
    """What the workbook's first sheet says: run, peilmoment, date, tool version and the sources' hashes."""
    invoer = {f"{soort}/{naam}": sha for soort, items in manifest_["bronnen"].items() for naam, sha in items.items()}
    return {
        "titel": run.params.titel,
        "regio": run.params.regio,
        "run": run.params.run_naam,
        "peilmoment": run.params.peilmoment,
        "documentdatum": run.params.documentdatum,
        "status": getattr(run.params, "status", None),
        "documentversie": getattr(run.params, "versie", None),
        "versie": manifest_["pakketten"].get("vt-analysis", "onbekend"),
        "git_commit": manifest_["git_commit"],
        "invoer_sha256": invoer,
        "wat_als": manifest_.get("wat_als"),
    }
