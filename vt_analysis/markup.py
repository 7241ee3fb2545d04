"""Text from data, params or text blocks as literal text in the report's Markdown, never as markup.

A ``bron`` cell of volumes.csv or a scenario name may hold ``<img src=…>``, ``![x](http://…)`` or
``*nadruk*``: escaped here they reach the HTML and PDF as the characters the user typed. The pandoc
filter ``report/templates/alleen-eigen-opmaak.lua`` is the second line: it turns any raw HTML, image
or link that is not the report's own into text.
"""

from __future__ import annotations

import re

# The characters that start markup inside a line of pandoc's Markdown: raw HTML and entities (< > &),
# links and images ([ ] !), emphasis, code, math, sub/superscript, attributes, citations, table cells,
# and the backslash itself. Pandoc shows a backslash-escaped punctuation mark literally; the rest of
# the text (parentheses, '=', '.', ':') cannot start markup in the middle of a line and stays as it is.
_LEESTEKEN = re.compile(r"([\\`*_\[\]<>!&|#~^${}@])")


def markdown_tekst(tekst: object) -> str:
    """``tekst`` as literal Markdown inline text: every character that could start markup escaped, on one line."""
    s = "" if tekst is None else str(tekst)
    return _LEESTEKEN.sub(r"\\\1", s.replace("\r", " ").replace("\n", " "))
