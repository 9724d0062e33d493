"""Markdown with LaTeX math → HTML for the web view.

Math (``$…$`` inline, ``$$…$$`` display, outside backtick code) is cut out before Markdown
runs — so ``_`` and ``*`` inside formulas are not read as emphasis — and put back as
``<span class="math" data-display="0|1">TeX</span>`` (HTML-escaped); the page's script typesets
these spans with the vendored KaTeX. Markdown is markdown-it-py (already installed with rich),
with raw HTML disabled: a statement or an imported card cannot inject markup.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$", re.S)


@lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def to_html(text: str) -> str:
    """Markdown (with $math$) → safe HTML with math spans for KaTeX."""
    stash: list[tuple[str, bool]] = []
    pos = 0
    # math outside code spans only: walk the code spans and substitute in between
    out = []
    for m in _CODE.finditer(text):
        out.append(_cut(text[pos:m.start()], stash))
        out.append(m.group(0))
        pos = m.end()
    out.append(_cut(text[pos:], stash))
    rendered = _md().render("".join(out))
    for i, (tex, display) in enumerate(stash):
        span = f'<span class="math" data-display="{int(display)}">{html.escape(tex)}</span>'
        rendered = rendered.replace(f"MLKMATH{i}Z", span, 1)
    return rendered


def _cut(text: str, stash: list[tuple[str, bool]]) -> str:
    def sub(m: re.Match) -> str:
        display = m.group(1) is not None
        stash.append(((m.group(1) if display else m.group(2)).strip(), display))
        return f"MLKMATH{len(stash) - 1}Z"

    return _MATH.sub(sub, text)


def inline(text: str) -> str:
    """One paragraph of Markdown without the surrounding <p>."""
    out = to_html(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out
