"""Text from data, params or text blocks as literal text in the report's Markdown, never as markup.

A ``bron`` cell of volumes.csv or a scenario name may hold ``<img src=…>``, ``![x](http://…)`` or
``*nadruk*``: escaped here they reach the HTML and PDF as the characters the user typed. The pandoc
filter ``report/templates/alleen-eigen-opmaak.lua`` is the second line: it turns any raw HTML, image
or link that is not the report's own into text.
"""

from __future__ import annotations

import re

# Pandoc's Markdown lets a backslash escape any ASCII punctuation character (and then shows it literally).
_LEESTEKEN = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_tekst(tekst: object) -> str:
    """``tekst`` as literal Markdown inline text: every ASCII punctuation mark escaped, on one line."""
    s = "" if tekst is None else str(tekst)
    return _LEESTEKEN.sub(r"\\\1", s.replace("\r", " ").replace("\n", " "))
