"""Small helpers shared by the test modules (tests/ is on sys.path through conftest.py)."""

from __future__ import annotations

from pathlib import Path


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a fixture copy; the text must be there, or the test proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def params_fout(cli, params: Path) -> str:
    """Validate a params file that must be rejected: exit 2, one line, no traceback; returns the line."""
    code, out, err = cli("validate", "--params", params)
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    return err.strip()
