"""environment.yml (conda) lists the same dependencies as pyproject.toml, and the lock pins them all."""

from __future__ import annotations

import re
import tomllib

import yaml

from vt_analysis.basis import paths


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def _pyproject() -> set[str]:
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = set(map(_name, data["project"]["dependencies"]))
    for extra in data["project"]["optional-dependencies"].values():
        deps |= set(map(_name, extra))
    return deps


def _environment() -> set[str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            names |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        elif not dep.startswith(("python", "pip")):
            names.add(_name(dep))
    return names


def test_environment_yml_matches_pyproject():
    assert _environment() == _pyproject()


def test_lock_file_pins_every_dependency_exactly():
    lock = {}
    for line in (paths.ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            naam, _, versie = line.partition("==")
            assert versie, f"not pinned: {line}"
            lock[naam.lower().replace("_", "-")] = versie
    missing = {d.replace("_", "-") for d in _pyproject()} - set(lock)
    assert not missing
