"""Export concept cards to an Anki package (.apkg) with genanki.

* The note model and each deck have fixed ids (derived from stable names), and every note's
  GUID comes from its card id: re-exporting and re-importing updates notes instead of
  duplicating them.
* Math goes to Anki's MathJax delimiters: ``$…$`` → ``\\(…\\)``, ``$$…$$`` → ``\\[…\\]``.
* Everything else is HTML-escaped (a card about ``x < y`` stays a card about ``x < y``);
  inline code keeps its backticks' meaning as ``<code>``; line breaks become ``<br>``.
* Tags: the level (``L1``…), each topic, the deck, and the sheet sections.
"""

from __future__ import annotations

import html
import re
import zlib
from pathlib import Path
from typing import Any, Iterable

MODEL_NAME = "mlkata concept card v1"
MATH = re.compile(r"(\$\$.+?\$\$|\$[^$\n]+?\$)", re.S)
CODE = re.compile(r"`([^`]+)`")


def stable_id(name: str) -> int:
    """A positive 31-bit id from a name: the same on every machine and every run."""
    return (zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF) | (1 << 30)


def to_html(text: str) -> str:
    """Markdown-ish text with $math$ → HTML for Anki, math in MathJax delimiters."""
    out = []
    for i, part in enumerate(MATH.split(text or "")):
        if i % 2 == 1:  # math: keep TeX, escape only what HTML needs
            inner = part[2:-2] if part.startswith("$$") else part[1:-1]
            open_, close = (r"\[", r"\]") if part.startswith("$$") else (r"\(", r"\)")
            out.append(open_ + html.escape(inner, quote=False) + close)
        else:
            escaped = html.escape(part, quote=False)
            escaped = CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)
            escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
            out.append(escaped.replace("\n", "<br>"))
    return "".join(out)


def _tag(text: str) -> str:
    return re.sub(r"[^\w§:.\-]+", "_", str(text)).strip("_") or "untagged"


def model() -> Any:
    import genanki

    css = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .more { color: #555; font-size: 15px; }"
    return genanki.Model(
        stable_id(MODEL_NAME),
        MODEL_NAME,
        fields=[{"name": "CardId"}, {"name": "Question"}, {"name": "Answer"}, {"name": "More"},
                {"name": "Level"}, {"name": "Sections"}],
        templates=[{
            "name": "Recall",
            "qfmt": "<div class=level>{{Level}} · {{Sections}}</div>{{Question}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}{{#More}}<div class=more>{{More}}</div>{{/More}}",
        }],
        css=css,
        sort_field_index=0,
    )


def build_package(decks: Iterable[Any]) -> Any:
    import genanki

    m = model()
    packages = []
    for deck in decks:
        d = genanki.Deck(stable_id(f"mlkata deck {deck.id}"), f"mlkata::{deck.title}")
        for card in deck.cards:
            question = card.question
            if card.parent:
                question = f"(follow-up) {question}"
            tags = [_tag(card.level), _tag(f"deck:{deck.id}")] + [_tag(t) for t in card.topics] + [_tag(s) for s in card.sections]
            note = genanki.Note(
                model=m,
                fields=[card.id, to_html(question), to_html(card.answer), to_html(card.more or ""), card.level,
                        html.escape(", ".join(card.sections))],
                tags=sorted(set(tags)),
                guid=genanki.guid_for("mlkata", card.id),
            )
            d.add_note(note)
        packages.append(d)
    return genanki.Package(packages)


def export(decks: Iterable[Any], path: Path | str) -> int:
    decks = list(decks)
    build_package(decks).write_to_file(str(path))
    return sum(len(d.cards) for d in decks)
