"""Text from data, params or text blocks as literal text in the report's Markdown, never as markup.

Two escapers, one per kind of text: :func:`markdown_tekst` for a value (a name from data, a printed
placeholder: every markup character escaped) and :func:`blok_markdown` for the prose of a text block (the
safe subset of Markdown below kept, everything that could reach beyond text escaped).

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


# In a block's prose: raw HTML and autolinks (<), math ($), citations and example lists (@), links, images,
# spans and footnotes ([ ]), attributes and raw HTML/Typst/LaTeX ({ }: `x`{=html}, ```{=typst}, # kop {onclick=..}),
# and the backslash that would undo an escape. What stays is the safe subset: paragraphs, headings, lists,
# emphasis (* and _), block quotes, code, tables; none of it can make a script, a handler, a refresh or a link.
_BLOK_TEKEN = re.compile(r"([\\<$@\[\]{}])")


def blok_markdown(tekst: str) -> str:
    """The literal prose of a text block with every character that could start more than text escaped."""
    return _BLOK_TEKEN.sub(r"\\\1", tekst)
