"""Concept cards: deck format, built-in content, math rendering, review sessions, import, links."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from mlkata.bank import load_bank
from mlkata.mathtext import latex_to_unicode, leftover_commands, to_unicode
from mlkata.study import srs
from mlkata.study.cards import CardError, check_decks, load_deck, load_decks, on_problem_failed

# problem ids other helpers are adding (a contract); links may point at them before they merge
PENDING_PROBLEMS = {
    "softmax", "cross-entropy", "layer-norm", "rms-norm", "log-softmax", "cross-entropy-grad",
    "label-smoothing-cross-entropy", "batch-norm", "attention", "multi-head-attention",
    "grouped-query-attention", "attention-masks", "flash-attention-forward", "linear-attention", "kv-cache",
    "transformer-block", "lora-linear", "kmeans", "kmeans-plus-plus", "gmm-em", "top-p-sampling",
    "top-k-top-p-filter", "two-sum", "longest-substring-without-repeating-characters", "three-sum",
    "search-in-rotated-sorted-array", "merge-intervals", "binary-tree-level-order-traversal", "course-schedule",
    "longest-increasing-subsequence", "find-median-from-data-stream", "trapping-rain-water", "pair-sum-sorted",
    "longest-window", "lower-bound", "level-order", "climbing-stairs",
}

DECK = '''format_version = 1
deck = "tiny"
title = "Tiny"
[[cards]]
id = "t-one"
level = "L1"
topics = ["softmax"]
sections = ["Q1"]
question = "What is $\\\\frac{a}{b}$?"
answer = "A ratio."
problems = ["softmax"]
[[cards.followups]]
id = "t-one-f"
question = "And $a^2$?"
answer = "A square."
[[cards]]
id = "t-two"
level = "L2"
topics = ["lora"]
sections = ["Q2"]
question = "Second?"
answer = "Yes."
[[cards.followups]]
id = "t-two-f"
question = "More?"
answer = "No."
'''


def db(home: Path) -> sqlite3.Connection:
    from mlkata.store import connect

    return connect()  # the database under $MLKATA_HOME (== home), created if needed


# ---------------------------------------------------------------- built-in content


def test_builtin_decks_cover_every_sheet_question_and_follow_up():
    decks = {d.id: d for d in load_decks()}
    qs = decks["sheet-questions"]
    parents = [c for c in qs.cards if c.parent is None]
    numbers = sorted(int(s[1:]) for c in parents for s in c.sections if s.startswith("Q"))
    assert numbers == list(range(1, 33))
    for c in parents:
        assert any(f.parent == c.id for f in qs.cards), f"{c.id} has no follow-up"
    findings = check_decks(list(decks.values()), problem_ids=set(load_bank().problems) | PENDING_PROBLEMS)
    assert all(f.ok for f in findings), [f for f in findings if not f.ok]
    # the §1 formulas
    sections = {s for c in decks["sheet-formulas"].cards for s in c.sections}
    assert {"§1.1", "§1.2", "§1.3", "§1.4", "§1.5", "§1.6", "§1.7", "§1.8"} <= sections


def test_card_links_point_at_known_problems():
    present = set(load_bank().problems)
    for d in load_decks():
        for c in d.cards:
            for p in c.problems:
                assert p in present or p in PENDING_PROBLEMS, f"{c.id} links to unknown problem {p}"
    # the problems that exist in this branch are linked from at least one card
    assert any("softmax" in c.problems for d in load_decks() for c in d.cards)


def test_self_check_flags_missing_questions_and_bad_links(tmp_path):
    (tmp_path / "tiny.toml").write_text(DECK.replace('title = "Tiny"', 'title = "Tiny"\nexpect_questions = 2')
                                        .replace('sections = ["Q2"]', 'sections = ["Q3"]')
                                        .replace('answer = "A ratio."\nproblems = ["softmax"]',
                                                 'answer = "A ratio."\nproblems = ["no-such-problem"]'))
    found = {f.subject: f for f in check_decks(load_decks(tmp_path), problem_ids={"softmax"})}
    assert not found["numbering"].ok and "Q2" in found["numbering"].detail
    assert not found["links"].ok and "no-such-problem" in found["links"].detail


def test_errata_are_taught_corrected():
    cards = {c.id: c for d in load_decks() for c in d.cards}
    text = {k: (c.question + c.answer + c.more) for k, c in cards.items()}
    assert "inside the square root" in text["f-layernorm-rmsnorm"]        # RMSNorm ε
    assert "2\\sigma^2" in text["q32-kmeans-gmm"]                          # Q32 temperature
    assert "underflow" in text["q24-cross-entropy-stability"]             # Q24
    assert "h_{kv}" in text["q22-kv-cache-size"]                           # Q22 cache size under GQA
    assert "float16" in text["q23-mask-value"]                             # Q23 real hazard
    assert "temperature" in text["q10-other-scalings"]                     # Q10 follow-up
    assert "SGD" in text["q11-alpha-over-r"] and "SGD" in text["q20-lora-rank"]  # Q11/Q20
    assert "measure" in text["q14-rmsnorm"]                                # Q14 speed claim
    assert "\\frac{\\epsilon}{C}" in text["q31-label-smoothing"]          # Q31 conventions


# ---------------------------------------------------------------- math


def test_every_builtin_card_renders_without_latex_commands():
    for d in load_decks():
        for c in d.cards:
            for field in ("question", "answer", "more"):
                out = to_unicode(getattr(c, field))
                assert not leftover_commands(out), (c.id, field, out)
                assert "{" not in out.replace("`", "") or "`" in getattr(c, field), (c.id, field, out)


def test_latex_to_unicode_examples():
    assert latex_to_unicode(r"\frac{e^{z_i}}{\sum_j e^{z_j}}") == "e^(zᵢ)/(∑ⱼ e^(zⱼ))"
    assert latex_to_unicode(r"\sqrt{d_k}") == "√dₖ"
    assert latex_to_unicode(r"x^2 + \alpha_{ij}") == "x² + αᵢⱼ"
    assert latex_to_unicode(r"QK^\top") == "QKᵀ"
    assert latex_to_unicode(r"\mathbb{R}^{d}") == "ℝᵈ"
    assert latex_to_unicode(r"10^{-9} \le \epsilon") == "10⁻⁹ ≤ ε"
    assert latex_to_unicode(r"\unknownmacro{x}") .find("\\") == -1


def test_to_unicode_leaves_prose_and_code_alone():
    assert to_unicode("costs $5 and `x[$i]` stay") == "costs $5 and `x[$i]` stay"
    assert to_unicode(r"the $\alpha / r$ scale") == "the α / r scale"


# ---------------------------------------------------------------- format errors


@pytest.mark.parametrize("change, field", [
    (('answer = "A ratio."\n', ""), "answer"),
    (('level = "L1"', 'level = "L4"'), "level"),
    (('id = "t-two"', 'id = "t-one"'), "id"),
    (("format_version = 1", "format_version = 2"), "format_version"),
    (('topics = ["lora"]', 'topics = ["lora"]\ncolour = "red"'), "colour"),
    (('id = "t-one-f"', 'id = "T One"'), "id"),
])
def test_malformed_deck_names_file_and_field(tmp_path, change, field):
    path = tmp_path / "tiny.toml"
    path.write_text(DECK.replace(*change, 1))
    with pytest.raises(CardError) as err:
        load_deck(path)
    assert str(path) in str(err.value) and field in str(err.value)


# ---------------------------------------------------------------- review


def test_review_shows_intervals_before_rating_and_stores_every_rating(mlkata, mlkata_dirs):
    r = mlkata("review", "--deck", "sheet-questions", "--level", "L3", "--new", "5", input="\n3\n\n1\nq\n")
    assert r.exit_code == 0, r.output
    out = r.output
    first = out.index("q18-softmax-ce-gradient")          # first L3 card in deck order
    assert out.index("answer", first) < out.index("3 good", first) < out.index("good: next in", first)
    assert "2 card(s) rated" in out
    conn = db(mlkata_dirs["home"])
    rows = conn.execute("SELECT item, rating, at, log FROM srs_log ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("card:q18-softmax-ce-gradient", 3), ("card:q19-attention-complexity", 1)]
    assert all(r[2].endswith("+00:00") for r in rows)    # UTC
    state = srs.get_card(conn, "card:q18-softmax-ce-gradient")
    assert state.due - srs.utcnow() > timedelta(minutes=5)  # FSRS: Good on a new card is not due at once


def test_review_interval_preview_matches_fsrs(mlkata, mlkata_dirs):
    r = mlkata("review", "--deck", "sheet-formulas", "--new", "1", input="\n4\n")
    from mlkata.study.review import format_interval

    conn = db(mlkata_dirs["home"])
    conn.execute("DELETE FROM srs_state")
    conn.commit()
    expected = srs.preview(conn, "card:f-stable-softmax")
    for name in ("again", "hard", "good", "easy"):
        assert f"{name} {format_interval(expected[name])}" in r.output


def test_new_card_limit_is_per_day_and_follow_ups_wait_for_parent(mlkata, mlkata_dirs):
    r = mlkata("review", "--deck", "sheet-questions", "--new", "2", input="\n1\n\n1\nq\n")
    assert "q01-softmax " in r.output and "q02-cross-entropy-logits" in r.output
    assert "q01-softmax-uniform" not in r.output            # parent rated Again: not known yet
    assert "2 card(s) rated" in r.output
    r = mlkata("review", "--deck", "sheet-questions", "--new", "2", input="q\n")
    assert "nothing to review" in r.output or ", 0 new" in r.output  # today's 2 new cards are used up
    r = mlkata("review", "--deck", "sheet-questions", "--new", "3", input="\n3\nq\n")
    assert "q03-qkv-intuition" in r.output
    r = mlkata("review", "--deck", "sheet-questions", "--new", "4", input="q\n")
    assert "1 new" in r.output and "q03-self-attention-source" in r.output  # its parent is known now


def test_a_card_rated_again_comes_back_in_the_same_session(mlkata, mlkata_dirs):
    r = mlkata("review", "--deck", "sheet-questions", "--new", "2", input="\n1\n\n3\n\n3\nq\n")
    out = r.output
    assert out.count("· q01-softmax · ") == 2, out              # shown, forgotten, shown again
    second = out.index("· q01-softmax · again")
    assert second > out.index("q02-cross-entropy-logits")      # after the other card
    conn = db(mlkata_dirs["home"])
    assert [h["rating"] for h in srs.history(conn, "card:q01-softmax")] == ["again", "good"]


def test_the_interval_applied_is_the_one_previewed(mlkata):
    import re

    for key, name in (("2", "hard"), ("1", "again"), ("3", "good"), ("4", "easy")):
        r = mlkata("review", "--deck", "sheet-formulas", "--new", "1", "--max", "1", input=f"\n{key}\n")
        preview = re.search(rf"{key} {name} (\S+)", r.output).group(1)
        applied = re.search(rf"{name}: next in (\S+)", r.output).group(1)
        assert preview == applied, r.output
        from mlkata.store import connect

        conn = connect()
        conn.execute("DELETE FROM srs_state")
        conn.execute("DELETE FROM srs_log")
        conn.commit()
        conn.close()


def test_follow_up_joins_the_session_once_parent_is_known(mlkata):
    r = mlkata("review", "--deck", "sheet-questions", "--new", "2", input="\n3\n\n3\nq\n")
    assert r.output.index("q01-softmax ") < r.output.index("q01-softmax-uniform")
    assert "follow-up of q01-softmax" in r.output


def test_review_filters_by_topic_and_level(mlkata):
    import re

    cards = {c.id: c for d in load_decks() for c in d.cards}
    r = mlkata("review", "--topic", "lora", "--level", "L1", "--new", "50", input="\n3\n" * 40)
    shown = re.findall(r"· (L[123]) · ([a-z0-9-]+) · new", r.output)
    expected = {c.id for c in cards.values() if "lora" in c.topics and c.level == "L1"}
    assert {cid for _, cid in shown} == expected and len(expected) >= 4
    r = mlkata("review", "--topic", "no-such-topic")
    assert r.exit_code == 2


def test_kill_mid_session_keeps_the_ratings_given(mlkata_dirs):
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "mlkata", "review", "--deck", "sheet-formulas", "--new", "5"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        proc.stdin.write(b"\n3\n\n4\n\n")  # two ratings, then the third card's answer is open
        proc.stdin.flush()
        dbfile = mlkata_dirs["home"] / "mlkata.db"
        deadline = time.monotonic() + 60
        n = 0
        while time.monotonic() < deadline:
            if dbfile.exists():
                try:
                    n = sqlite3.connect(dbfile).execute("SELECT COUNT(*) FROM srs_log").fetchone()[0]
                except sqlite3.OperationalError:
                    n = 0
                if n >= 2:
                    break
            time.sleep(0.2)
        assert n == 2
        assert proc.poll() is None  # still waiting for the third rating
    finally:
        proc.kill()
        proc.wait()
    conn = db(mlkata_dirs["home"])
    assert [h["rating"] for h in srs.history(conn, "card:f-stable-softmax")] == ["good"]
    assert [h["rating"] for h in srs.history(conn, "card:f-logsumexp")] == ["easy"]
    assert srs.get_card(conn, "card:f-attention") is None


# ---------------------------------------------------------------- import

SHEET = """# My ML notes

## L1 — Basic

Q1. What does $\\sigma(x)$ compute?

A: The logistic function $\\frac{1}{1 + e^{-x}}$.

Follow-up: What is its derivative? A: $\\sigma(x)(1 - \\sigma(x))$.

---

Q2. Why shuffle the training data?
A: So that batches are not correlated.

## L2 — Intermediate

Q3. What is weight decay?
A: An $L_2$ penalty on the weights
(with SGD; decoupled in AdamW).
Follow-up: Where does dropout go?
A: After activations, off at inference.
Follow-up: And at test time? A: Disabled.
"""


def test_import_cheatsheet_twice_keeps_one_deck_and_history(mlkata, mlkata_dirs, tmp_path):
    md = tmp_path / "my-notes.md"
    md.write_text(SHEET)
    r = mlkata("import", "cards", str(md))
    assert r.exit_code == 0, r.output
    assert "6 cards — 6 new" in r.output
    decks = {d.id: d for d in load_decks()}
    deck = decks["my-notes"]
    assert deck.title == "My ML notes" and deck.imported
    assert [c.id for c in deck.cards] == ["my-notes-q1", "my-notes-q1-f1", "my-notes-q2", "my-notes-q3",
                                          "my-notes-q3-f1", "my-notes-q3-f2"]
    assert deck.by_id["my-notes-q3"].level == "L2" and deck.by_id["my-notes-q1"].level == "L1"
    assert deck.by_id["my-notes-q3"].answer.startswith("An $L_2$ penalty") and "AdamW" in deck.by_id["my-notes-q3"].answer
    assert deck.by_id["my-notes-q3-f2"].question == "And at test time?"
    r = mlkata("review", "--deck", "my-notes", "--new", "1", input="\n3\n")
    assert "1 card(s) rated" in r.output
    # edit the answer and add a question, then import again
    md.write_text(SHEET.replace("The logistic function", "The sigmoid") + "\nQ4. New one?\nA: Yes.\n")
    r = mlkata("import", "cards", str(md))
    assert "7 cards — 1 new, 1 updated, 5 unchanged" in r.output
    decks = [d for d in load_decks() if d.id == "my-notes"]
    assert len(decks) == 1 and len(decks[0].cards) == 7
    assert "sigmoid" in decks[0].by_id["my-notes-q1"].answer
    conn = db(mlkata_dirs["home"])
    assert [h["rating"] for h in srs.history(conn, "card:my-notes-q1")] == ["good"]
    r = mlkata("review", "--deck", "my-notes", "--new", "1", input="q\n")
    assert "my-notes-q1 " not in r.output  # studied already: not new again


def test_import_renumbered_question_keeps_history(mlkata, mlkata_dirs, tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("Q1. Alpha?\nA: a.\n\nQ2. Beta?\nA: b.\n")
    mlkata("import", "cards", str(md))
    mlkata("review", "--deck", "notes", "--new", "5", input="\n3\n\n4\n")
    # a new question inserted first shifts the numbers: histories follow their questions
    md.write_text("Q1. Gamma?\nA: c.\n\nQ2. Alpha?\nA: a.\n\nQ3. Beta?\nA: b.\n")
    r = mlkata("import", "cards", str(md))
    assert "1 new" in r.output and "2 renumbered" in r.output
    conn = db(mlkata_dirs["home"])
    hist = {i: [h["rating"] for h in srs.history(conn, f"card:notes-q{i}")] for i in (1, 2, 3)}
    assert hist == {1: [], 2: ["good"], 3: ["easy"]}
    # Beta alone again: its history comes back to Q1, Alpha's is kept aside, not lost
    md.write_text("Q1. Beta?\nA: b.\n")
    mlkata("import", "cards", str(md))
    assert [h["rating"] for h in srs.history(conn, "card:notes-q1")] == ["easy"]
    assert conn.execute("SELECT COUNT(*) FROM srs_log").fetchone()[0] == 2
    assert [h["rating"] for h in srs.history(conn, "card:notes-q2")] == ["good"]  # Alpha's, kept


def test_due_count_counts_due_cards_of_current_decks(mlkata_dirs):
    from mlkata.study.cards import due_count

    conn = db(mlkata_dirs["home"])
    assert due_count(conn) == 0
    srs.rate(conn, "card:q01-softmax", "card", "again")
    srs.set_due(conn, "card:no-longer-in-any-deck", "card", srs.utcnow())
    assert due_count(conn, now=srs.utcnow() + timedelta(hours=1)) == 1


def test_import_plain_text_sheet_with_level_lines(mlkata, tmp_path):
    txt = tmp_path / "plain.txt"
    txt.write_text("Question bank\n\nL1 — Basic\n\nQ1. One?\n\nA: first.\n\nFollow-up: Why? A: because.\n\n\n"
                   "Appendix: patterns\n\nsome code\n\nExtended L3\n\nQ2. Two?\n\nA: second.\n")
    r = mlkata("import", "cards", str(txt))
    assert r.exit_code == 0, r.output
    deck = {d.id: d for d in load_decks()}["plain"]
    assert [(c.id, c.level) for c in deck.cards] == [("plain-q1", "L1"), ("plain-q1-f1", "L1"), ("plain-q2", "L3")]
    assert deck.by_id["plain-q1-f1"].answer == "because."   # the appendix after two blank lines is not part of it


def test_import_malformed_cheatsheet_names_file_and_question(mlkata, tmp_path):
    md = tmp_path / "bad.md"
    md.write_text("Q1. Fine?\nA: yes\n\nQ2. No answer here\n")
    r = mlkata("import", "cards", str(md))
    assert r.exit_code == 1 and "bad.md" in r.output and "Q2" in r.output and "answer" in r.output
    md.write_text("Q1. Fine?\nA: yes\nFollow-up: dangling?\n")
    r = mlkata("import", "cards", str(md))
    assert r.exit_code == 1 and "follow-up 1" in r.output


# ---------------------------------------------------------------- links both ways


def test_show_lists_related_cards(mlkata):
    r = mlkata("show", "softmax")
    assert r.exit_code == 0
    assert "Related cards" in r.output and "q01-softmax" in r.output and "f-stable-softmax" in r.output


def test_failed_check_makes_related_cards_due_keeping_memory_state(mlkata, mlkata_dirs):
    conn = db(mlkata_dirs["home"])
    before = srs.rate(conn, "card:q01-softmax", "card", "easy")
    assert before.due > srs.utcnow() + timedelta(days=1)
    mlkata("start", "softmax")
    r = mlkata("check", "softmax")  # the untouched starter is not an attempt at the concept
    assert r.exit_code == 1 and "related card(s) are due now" not in r.output
    assert srs.get_card(conn, "card:q01-softmax").due == before.due
    (mlkata_dirs["workspace"] / "softmax.py").write_text(
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(-1, keepdims=True)\n")
    r = mlkata("check", "softmax")
    assert r.exit_code == 1
    assert "related card(s) are due now" in r.output
    after = srs.get_card(conn, "card:q01-softmax")
    assert after.due <= srs.utcnow()
    assert (after.stability, after.difficulty, after.state) == (before.stability, before.difficulty, before.state)
    assert len(srs.history(conn, "card:q01-softmax")) == 1   # no fake rating logged
    r = mlkata("review", "--deck", "sheet-questions", "--new", "0", input="q\n")
    assert "q01-softmax · due" in r.output


def test_on_problem_failed_moves_only_linked_cards_not_yet_due(mlkata_dirs, tmp_path):
    (tmp_path / "tiny.toml").write_text(DECK)
    decks = load_decks(tmp_path)
    conn = db(mlkata_dirs["home"])
    srs.rate(conn, "card:t-one", "card", "easy")
    srs.rate(conn, "card:t-two", "card", "easy")
    moved = on_problem_failed(conn, "softmax", decks)
    assert moved == ["t-one", "t-one-f"]                  # the follow-up inherits its parent's links
    assert srs.get_card(conn, "card:t-two").due > srs.utcnow()
    assert on_problem_failed(conn, "softmax", decks) == []  # already due: nothing to move


def test_dev_cards_runs_the_self_check(mlkata):
    r = mlkata("dev", "cards")
    assert "numbering" in r.output and "Q1–Q32" in r.output
    assert "math" in r.output


def test_card_and_deck_ids_never_wrap_at_80_columns(mlkata, monkeypatch):
    """An id is what you type back (`mlkata cards ID`): the list shows each one whole."""
    from mlkata import terminal
    from mlkata.study.cards import load_decks

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(terminal, "_console", None)
    decks = mlkata("cards").output
    for deck in load_decks():
        assert deck.id in decks
        listing = mlkata("cards", deck.id).output
        assert max(len(line) for line in listing.splitlines()) <= 80
        for card in deck.cards:
            assert card.id in listing, card.id
        assert len(listing.splitlines()) == len(deck.cards) + 4  # title, header, rule, a line per card, caption
    assert len(decks.splitlines()) == len(load_decks()) + 4
