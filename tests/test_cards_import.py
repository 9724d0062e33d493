"""Importing a real cheat sheet: title, math copied from a rendered page, lists, sections,
encodings, control characters, unreadable deck files, and deck ids that never collide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlkata.mathtext import to_unicode
from mlkata.study.cards import load_decks

SEED = Path("/work/shared/seed/cheatsheet.txt")

# what must never reach the terminal from an imported card
RAW = re.compile(r"\\[A-Za-z]+|[{}$]|_|\^[A-Za-z0-9{]")


def _raw_latex(deck) -> list[str]:
    bad = []
    for c in deck.cards:
        for name in ("question", "answer"):
            shown = re.sub(r"`[^`\n]*`", "", to_unicode(getattr(c, name)))
            for m in RAW.finditer(shown):
                bad.append(f"{c.id}.{name}: {shown[max(0, m.start() - 20):m.end() + 20]!r}")
    return bad


def _deck(deck_id: str):
    return {d.id: d for d in load_decks()}[deck_id]


# a sheet as text copied from a page rendered with KaTeX: each formula shows its glyphs, then
# its LaTeX source; plain-text headings; bullets; a code block with a '#' comment
KATEX_COPY = r"""Notes

Attention and friends — my cheat sheet

1.3 Attention

Attention(Q,K,V)=softmax (QKdk)V\text{Attention}(Q, K, V) = \text{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right) V

L1 — Basic

Q1. What do QQ, KK, VV stand for?

A: When ziz_i is large, ezie^{z_i} overflows. The window [l,r][l, r] moves. The update ΔW\Delta W is low rank.

Follow-up: What is the uniform output? A: The distribution [1/C,1/C,][1/C, 1/C, \dots].


Q2. Which methods cut the cost?

A: Main directions:

  • Linear: compute Q(KV)Q(K^\top V) in O(Nd2)O(Nd^2)
  • Low rank: project K,VK, V along the sequence


Appendix

# a comment in code, not a title
x = 1

Extended L3

Q3. Scale?

A: By α/r\alpha / r.
"""


def test_import_text_copied_from_a_rendered_page(mlkata, tmp_path):
    src = tmp_path / "my-sheet.txt"
    src.write_text(KATEX_COPY, encoding="utf-8")
    r = mlkata("import", "cards", str(src))
    assert r.exit_code == 0, r.output
    deck = _deck("my-sheet")
    assert deck.title == "Attention and friends — my cheat sheet"
    assert _raw_latex(deck) == []
    q1 = deck.by_id["my-sheet-q1"]
    assert q1.question == "What do $Q$, $K$, $V$ stand for?"
    # the LaTeX source is kept (for Anki and the web view); the terminal shows Unicode
    assert "$e^{z_i}$" in q1.answer and "$[l, r]$" in q1.answer and "$\\Delta W$" in q1.answer
    assert "e^(zᵢ)" in to_unicode(q1.answer) and "ΔW" in to_unicode(q1.answer)
    assert deck.by_id["my-sheet-q1-f1"].answer == "The distribution $[1/C, 1/C, \\dots]$."
    q2 = deck.by_id["my-sheet-q2"].answer
    assert q2.splitlines() == ["Main directions:", "", "- Linear: compute $Q(K^\\top V)$ in $O(Nd^2)$",
                               "- Low rank: project $K, V$ along the sequence"]
    q3 = deck.by_id["my-sheet-q3"]
    assert q3.level == "L3" and "Extended L3" in q3.sections     # the section as written
    assert deck.by_id["my-sheet-q1"].sections == ("Q1", "L1 — Basic")


def test_title_is_the_first_heading_outside_code(mlkata, tmp_path):
    md = tmp_path / "fenced.md"
    md.write_text("```python\n# not a title\nx = 1\n```\n\n# Real title\n\nQ1. One?\nA: yes\n"
                  "```\n# a comment\n```\n", encoding="utf-8")
    assert mlkata("import", "cards", str(md)).exit_code == 0
    deck = _deck("fenced")
    assert deck.title == "Real title"
    assert "```\n# a comment\n```" in deck.by_id["fenced-q1"].answer   # code kept as code


@pytest.mark.skipif(not SEED.exists(), reason="the seed cheat sheet is not on this machine")
def test_the_seed_sheet_imports_as_64_cards(mlkata, tmp_path):
    r = mlkata("import", "cards", str(SEED))
    assert r.exit_code == 0, r.output
    deck = _deck("cheatsheet")
    assert len(deck.cards) == 64
    assert deck.title == "Coding & ML Implementation — Interview Cheat Sheet"
    assert _raw_latex(deck) == [], _raw_latex(deck)[:5]
    assert [c.level for c in deck.cards if c.parent is None].count("L3") == 15
    assert "Extended L3" in deck.by_id["cheatsheet-q26"].sections
    assert "\n- Sparse Attention" in deck.by_id["cheatsheet-q19"].answer          # the list kept
    assert "\n1. Variable sequence length" in deck.by_id["cheatsheet-q27"].answer
    r = mlkata("cards", "cheatsheet-q10")
    assert r.exit_code == 0 and "√dₖ" in r.output and "\\sqrt" not in r.output


def test_encodings_bom_and_latin1(mlkata, mlkata_dirs, tmp_path):
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff# Café notes\n\nQ1. Où?\nA: Ici.\n".encode("utf-8"))
    assert mlkata("import", "cards", str(bom)).exit_code == 0
    assert _deck("bom").title == "Café notes"
    latin = tmp_path / "latin.md"
    latin.write_bytes("# Résumé\n\nQ1. Qu'est-ce?\nA: Un café.\n".encode("latin-1"))
    r = mlkata("import", "cards", str(latin))
    assert r.exit_code == 0, r.output
    assert _deck("latin").by_id["latin-q1"].answer == "Un café."
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"# T\n\nQ1. One?\nA: bad \x81 byte\n")   # not UTF-8, and 0x81 is unassigned in cp1252
    r = mlkata("import", "cards", str(broken))
    assert r.exit_code == 1 and "broken.md" in r.output and "line 4" in r.output
    assert "Traceback" not in r.output


def test_control_character_is_a_clear_error_and_leaves_nothing(mlkata, mlkata_dirs, tmp_path):
    md = tmp_path / "del.md"
    md.write_text("# T\n\nQ1. One?\nA: a\x7fb\n", encoding="utf-8")
    r = mlkata("import", "cards", str(md))
    assert r.exit_code == 1 and "del.md" in r.output and "line 4" in r.output and "U+007F" in r.output
    folder = mlkata_dirs["home"] / "cards"
    assert not folder.exists() or not list(folder.iterdir())        # no deck, no .tmp


def test_an_unreadable_deck_file_never_crashes_a_command(mlkata, mlkata_dirs, tmp_path):
    folder = mlkata_dirs["home"] / "cards"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_bytes(b'format_version = 1\ndeck = "mine"\ntitle = "caf\xe9"\n')
    for args in (["cards"], ["review", "--new", "0"], ["show", "softmax"], ["export", "anki", str(tmp_path / "x.apkg")],
                 []):
        r = mlkata(*args, input="q\n")
        assert "Traceback" not in r.output, args
        if args and args[0] in ("cards", "review", "export"):
            assert r.exit_code == 1 and "mine.toml" in r.output and "UTF-8" in r.output, (args, r.output)


def test_deck_ids_never_collide(mlkata, tmp_path):
    a, b = tmp_path / "笔记.md", tmp_path / "ノート.md"
    a.write_text("# A\n\nQ1. One?\nA: first deck.\n", encoding="utf-8")
    b.write_text("# B\n\nQ1. One?\nA: second deck.\n", encoding="utf-8")
    assert mlkata("import", "cards", str(a)).exit_code == 0
    assert mlkata("import", "cards", str(b)).exit_code == 0
    decks = [d for d in load_decks() if d.imported]
    assert sorted(d.title for d in decks) == ["A", "B"] and len({d.id for d in decks}) == 2
    # same file name in two folders: the second must not replace the first (nor take its history)
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "notes.md").write_text("# X\n\nQ1. One?\nA: x.\n", encoding="utf-8")
    (tmp_path / "y" / "notes.md").write_text("# Y\n\nQ1. One?\nA: y.\n", encoding="utf-8")
    assert mlkata("import", "cards", str(tmp_path / "x" / "notes.md")).exit_code == 0
    mlkata("review", "--deck", "notes", "--new", "1", input="\n3\n")
    r = mlkata("import", "cards", str(tmp_path / "y" / "notes.md"))
    assert r.exit_code == 1 and "--deck" in r.output and str(tmp_path / "x" / "notes.md") in r.output
    assert _deck("notes").title == "X"
    # re-importing the same file still updates it in place
    (tmp_path / "x" / "notes.md").write_text("# X2\n\nQ1. One?\nA: x2.\n", encoding="utf-8")
    assert mlkata("import", "cards", str(tmp_path / "x" / "notes.md")).exit_code == 0
    assert _deck("notes").title == "X2"
    assert mlkata("import", "cards", str(tmp_path / "y" / "notes.md"), "--deck", "notes-y").exit_code == 0


def test_plain_words_and_existing_math_are_left_alone():
    from mlkata.study.cards import dedupe_rendered_math

    assert dedupe_rendered_math("papa and mama see a bee") == "papa and mama see a bee"
    line = r"What does $\sigma(x)$ compute? `x_i` stays code"
    assert dedupe_rendered_math(line) == line
    assert dedupe_rendered_math("ziz_i and $y$") == "$z_i$ and $y$"


def test_glued_formulas_and_identifiers():
    from mlkata.study.cards import _markdown_lines, dedupe_rendered_math

    # the copy lost the dash between two formulas: each keeps its source, kept apart
    assert dedupe_rendered_math(r"often use T0T \approx 00.20.2; for code") == r"often use $T \approx 0$ $0.2$; for code"
    # a name with underscores is code, not a subscript ("logₛoftmax")
    assert _markdown_lines(["applies log_softmax and F.cross_entropy, with x_i"]) == \
        "applies `log_softmax` and `F.cross_entropy`, with $x_i$"
