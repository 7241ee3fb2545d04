"""The one pandoc call for HTML and Typst: the project's options and Lua filter, a failure as RenderFout."""

from __future__ import annotations

import pypandoc

from vt_analysis.basis import paths


class RenderFout(Exception):
    """Pandoc or Typst failed on the generated document (a bug in a chapter or template)."""


def pandoc(markdown: str, doel: str, extra: list[str]) -> str:
    args = [
        "--standalone",
        "--columns=1000",
        "--toc",
        "--toc-depth=2",
        "--lua-filter",
        str(paths.TEMPLATE_DIR / "alleen-eigen-opmaak.lua"),
        *extra,
    ]
    try:
        return pypandoc.convert_text(markdown, to=doel, format="markdown", extra_args=args, sandbox=False)
    except RuntimeError as exc:
        raise RenderFout(f"pandoc ({doel}): {str(exc).strip().splitlines()[-1]}") from None
