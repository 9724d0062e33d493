"""`mlkata mock`: problem choice, interviewer escalation, timer, report stored; through the CLI
(CliRunner input) and once through a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest


from mlkata.bank import load_bank
from mlkata.store import connect
from mlkata.study import mock
from study_helpers import FakeCard, check, install_cards, make_bank, uninstall_cards

SOFTMAX = load_bank().get("softmax")

CARDS = [
    FakeCard("gen-l1", "L1", "General L1?", "g1"),                              # unrelated
    FakeCard("gen-l2", "L2", "General L2?", "g2", topics=("pytorch",)),         # unrelated
    FakeCard("num-l2", "L2", "Float16 range?", "65504", topics=("numerics",)),  # a topic of a related card
    FakeCard("soft-l1", "L1", "Why subtract the max?", "exp cannot overflow", problems=("softmax",), topics=("numerics",)),
    FakeCard("soft-l1-f", "L1", "What about an all -inf row?", "NaN", parent="soft-l1", problems=("softmax",)),
    FakeCard("sec-l2", "L2", "Log-softmax?", "m + log sum", sections=("§1.1",)),
    FakeCard("sec-l2b", "L2", "Cross-entropy from logits?", "-z_y + lse", sections=("§1.1",)),
    FakeCard("top-l3", "L3", "Softmax in float16 with $d_k$ large?", "accumulate in float32", topics=("foundations",)),
]


@pytest.fixture
def softmax_only(tmp_path, monkeypatch):
    """A bank with softmax alone, so the mock's choice is known whatever the real bank holds."""
    make_bank(tmp_path / "bank", monkeypatch, {"softmax": ("foundations", "L1")})


def order(cards, problem, seed=0):
    return {lv: [c.id for c in cs] for lv, cs in mock.question_order(cards, problem, random.Random(seed)).items()}


def run(interviewer, ratings):
    asked = []
    for r in ratings:
        c = interviewer.next()
        if c is None:
            break
        asked.append(c.id)
        interviewer.record(c, r)
    return asked, interviewer.next()


def test_questions_closest_to_the_problem_come_first():
    o = order(CARDS, SOFTMAX)
    assert o["L1"] == ["soft-l1", "gen-l1"]                # names the problem, before an unrelated card
    assert set(o["L2"][:2]) == {"sec-l2", "sec-l2b"} and o["L2"][2:] == ["num-l2", "gen-l2"]
    assert o["L3"] == ["top-l3"]
    assert "soft-l1-f" not in sum(o.values(), [])           # follow-ups are not main questions


def test_interviewer_escalates_with_followups_and_stops_after_two_misses():
    # known at L1: its follow-up, then L2; half known at L2: straight on to L3
    asked, after = run(mock.Interviewer(CARDS, SOFTMAX, random.Random(0)), [3, 3, 2, 4])
    assert asked[:2] == ["soft-l1", "soft-l1-f"] and asked[2] in ("sec-l2", "sec-l2b") and asked[3] == "top-l3"
    assert after is None
    # missed at L1: another L1 question (no follow-up); missed twice: the questions stop
    asked, after = run(mock.Interviewer(CARDS, SOFTMAX, random.Random(0)), [1, 1])
    assert asked == ["soft-l1", "gen-l1"] and after is None
    # missed once then known: escalate
    asked, _ = run(mock.Interviewer(CARDS, SOFTMAX, random.Random(0)), [1, 3, 3])
    assert asked[:2] == ["soft-l1", "gen-l1"] and asked[2].startswith("sec-l2")
    # the limit caps the number of questions
    asked, after = run(mock.Interviewer(CARDS, SOFTMAX, random.Random(0), limit=2), [3, 3, 3])
    assert len(asked) == 2 and after is None


def test_choice_is_from_the_weakest_topics_least_known_first_and_seeded():
    P = SimpleNamespace
    problems = [P(id="a", topic="t1"), P(id="b", topic="t2"), P(id="c", topic="t2"), P(id="d", topic="t2"), P(id="e", topic="t3")]
    statuses = {"a": "unknown", "b": "new", "c": "shaky", "d": "shaky", "e": "unknown"}
    picks = {mock.choose_problem(problems, statuses, ["t2"], random.Random(s)).id for s in range(20)}
    assert picks == {"c", "d"}                               # t2 only; ⚠️ before new
    assert mock.choose_problem(problems, statuses, ["t2"], random.Random(7)).id == \
        mock.choose_problem(problems, statuses, ["t2"], random.Random(7)).id


def test_clock_label_shows_elapsed_and_remaining(monkeypatch):
    t = [100.0]
    monkeypatch.setattr(mock, "monotonic", lambda: t[0])
    c = mock.Clock(2)
    t[0] += 75
    assert c.label() == "⏱ 01:15 elapsed · 00:45 left" and not c.over
    t[0] += 60
    assert c.label() == "⏱ 02:15 elapsed · time is up (+00:15)" and c.over



def test_alarms_announce_five_minutes_left_and_the_end_then_stop_when_told():
    assert [text for _, text in mock.Clock(45).alarms()] == ["5 minutes left", "time is up: wrap up, then Enter for the report"]
    assert mock.Clock(45).alarms()[0][0] == 45 * 60 - 300
    assert len(mock.Clock(5).alarms()) == 1  # a short box gets only the end
    said = []
    mock.Clock(0.01).start_alarms(said.append).join(timeout=10)  # a 0.6 s box, in real time
    assert len(said) == 1 and "time is up" in said[0] and said[0].startswith("\a")
    quiet = mock.Clock(1)
    thread = quiet.start_alarms(said.append)
    quiet.stop_alarms()
    thread.join(timeout=5)
    assert not thread.is_alive() and len(said) == 1

def sessions():
    home = os.environ["MLKATA_HOME"]
    conn = sqlite3.connect(os.path.join(home, "mlkata.db"))
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute("SELECT * FROM mock_sessions ORDER BY id")]


def test_mock_with_a_file_and_cards_stores_the_report(mlkata, tmp_path, monkeypatch, softmax_only):
    install_cards(monkeypatch, CARDS)
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    # L1 known (3) -> its follow-up (4) -> an L2 missed (1) -> the other L2 half known (2) -> L3 known (3)
    res = mlkata("mock", "--seed", "5", "--file", str(good), input="\n3\n\n4\n\n1\n\n2\n\nx\n3\n")
    out = res.output
    assert res.exit_code == 0, out
    assert "Part 1 — coding: Numerically stable softmax" in out and "PASS" in out
    assert "elapsed ·" in out and "left]" in out             # the timer at each prompt
    assert "type 1, 2, 3 or 4" in out                        # 'x' is not a rating: asked again
    assert "answer: exp cannot overflow" in out
    [s] = sessions()
    assert (s["problem"], s["verdict"], s["seed"], s["minutes"], s["cards_asked"], s["cards_recalled"]) == \
        ("softmax", "pass", 5, 45, 5, 4)
    report = json.loads(s["report"])
    assert [(c["id"], c["rating"]) for c in report["cards"]][:2] == [("soft-l1", 3), ("soft-l1-f", 4)]
    assert report["cards"][4] == {**report["cards"][4], "id": "top-l3", "rating": 3}
    missed = report["cards"][2]["id"]
    assert report["review"][0] == f"card {missed} (L2, missed)"  # the problem passed: nothing to review there
    assert report["problem"]["checks"] == 1 and report["problem"]["core"][0] == report["problem"]["core"][1]
    # the ratings count like any review, and the check like any check
    conn = connect()
    assert conn.execute("SELECT COUNT(*) FROM srs_log WHERE kind='card'").fetchone()[0] == 5
    assert conn.execute("SELECT status FROM attempts").fetchall()[0][0] == "pass"
    hist = mlkata("mock", "--history").output
    assert "softmax" in hist and "4/5" in hist
    assert "last mock" in mlkata().output                    # the dashboard shows it


def test_interactive_mock_writes_a_blank_starter_and_judges_it_on_enter(mlkata, mlkata_dirs, monkeypatch, softmax_only):
    uninstall_cards(monkeypatch)
    res = mlkata("mock", "--minutes", "20", "--seed", "1", input="\nn\n")
    out = res.output
    starter = mlkata_dirs["workspace"] / "mock" / SOFTMAX.filename
    assert starter.read_text() == SOFTMAX.starter_path.read_text()
    assert "Enter = I am done" in out and "fix it, then Enter = judge again" in out
    assert "no concept cards installed" in out
    [s] = sessions()
    assert s["verdict"] in ("error", "fail") and s["minutes"] == 20
    report = json.loads(s["report"])
    assert report["review"][0].startswith("problem softmax (") and "mlkata hint softmax" in report["review"][0]
    assert "to review:" in out and "mlkata hint softmax" in out


def test_q_or_end_of_input_ends_early_and_keeps_the_report(mlkata, monkeypatch, softmax_only):
    uninstall_cards(monkeypatch)
    res = mlkata("mock", "--seed", "2", input="q\n")
    assert res.exit_code == 0 and "interview ended" in res.output
    assert "problem softmax (skipped)" in res.output and "well done" not in res.output
    res = mlkata("mock", "--seed", "2", input="")            # Ctrl-D at the first prompt
    assert res.exit_code == 0
    s = sessions()
    assert len(s) == 2 and all(json.loads(x["report"])["ended_early"] for x in s)
    assert all(x["verdict"] == "skipped" for x in s)


def test_ending_early_after_a_pass_is_not_called_well_done(mlkata, tmp_path, monkeypatch, softmax_only):
    install_cards(monkeypatch, CARDS)
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    out = mlkata("mock", "--seed", "2", "--file", str(good), input="q\n").output
    assert "nothing to review in the parts you did (the interview ended early)" in out
    assert "well done" not in out


def test_time_up_skips_the_questions_and_flags_overtime(mlkata, tmp_path, monkeypatch, softmax_only):
    install_cards(monkeypatch, CARDS)
    t = [0.0]

    def clock():  # every look at the clock is a minute later
        t[0] += 60
        return t[0]

    monkeypatch.setattr(mock, "monotonic", clock)
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    res = mlkata("mock", "--minutes", "1", "--seed", "3", "--file", str(good), input="")
    assert "PASS (over time)" in res.output
    [s] = sessions()
    report = json.loads(s["report"])
    assert report["cards"] == [] and report["problem"]["overtime"]
    assert report["review"] == ["problem softmax: passed over time — solve it again from a blank starter (mlkata start softmax --force)"]


def test_mock_picks_from_the_weakest_topic_deterministically(mlkata, tmp_path, monkeypatch):
    uninstall_cards(monkeypatch)
    make_bank(tmp_path / "bank", monkeypatch, {"softmax": ("foundations", "L1"), "attn-a": ("attention", "L1"),
                                               "attn-b": ("attention", "L2"), "dec-a": ("decoding", "L1")})
    conn = connect()
    now = datetime.now(timezone.utc)
    check(conn, "softmax", "pass", now - timedelta(hours=2), monkeypatch)
    check(conn, "dec-a", "pass", now - timedelta(hours=1), monkeypatch)
    conn.close()
    # attention (nothing done, 0%) is the weakest; its two problems are equally new: the seed decides
    picks = []
    for seed in ("11", "11", "12", "13", "14", "15"):
        mlkata("mock", "--seed", seed, input="q\n")
        picks.append(sessions()[-1]["problem"])
    assert set(picks) <= {"attn-a", "attn-b"}
    assert picks[0] == picks[1]


def test_mock_through_a_pseudo_terminal(mlkata_dirs, tmp_path):
    """A real terminal: the timer runs live, the candidate saves the file, the save judges it."""
    import pty
    import select
    import subprocess
    import time

    # the card module (if installed) is hidden: this test is about the coding part in a real terminal
    env = {**os.environ, "COLUMNS": "120"}
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", "import sys, mlkata.study; sys.modules['mlkata.study.cards'] = None;"
                             " from mlkata.cli.main import main; sys.argv = ['mlkata', 'mock', '--problem', 'softmax',"
                             " '--seed', '4', '--minutes', '10']; main()"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = b""

    def wait_for(text: bytes, timeout: float = 120) -> None:
        nonlocal seen
        end = time.monotonic() + timeout
        while text not in seen:
            assert time.monotonic() < end, f"no {text!r} in {seen[-2000:]!r}"
            r, _, _ = select.select([master], [], [], 1)
            if r:
                try:
                    seen += os.read(master, 4096)
                except OSError:
                    break
        assert text in seen, seen[-2000:]

    try:
        wait_for(b"save = judge")
        assert b"elapsed" in seen and b"left]" in seen
        import re

        end = time.monotonic() + 60                              # the timer is live: it moves on its own
        while len(set(re.findall(rb"(\d\d:\d\d) elapsed", seen))) < 2:
            assert time.monotonic() < end, seen[-500:]
            if select.select([master], [], [], 1)[0]:
                seen += os.read(master, 4096)
        target = mlkata_dirs["workspace"] / "mock" / SOFTMAX.filename
        target.write_text(SOFTMAX.solution_path.read_text())   # the candidate solves it and saves: no key
        wait_for(b"nothing to review")
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "PASS" in text and "nothing to review" in text
    [s] = sessions()
    assert s["verdict"] == "pass" and s["problem"] == "softmax"


def test_a_failed_problem_points_to_its_cards(mlkata, monkeypatch, softmax_only):
    install_cards(monkeypatch, CARDS)
    res = mlkata("mock", "--seed", "8", input="\nn\nq\n")  # judge the blank starter, move on, end at the first question
    assert "L1 question 1 (soft-l1)" in res.output
    [s] = sessions()
    review = json.loads(s["report"])["review"]
    assert review[0].startswith("problem softmax (") and review[1] == "cards about softmax: soft-l1"
    assert "cards about softmax: soft-l1" in res.output


def test_the_report_fits_80_columns_with_long_ids(monkeypatch):
    """A long problem id: the report's table stays one line per part, a review line that wraps
    continues under its text."""
    from rich.cells import cell_len

    from mlkata import terminal
    from mlkata.cli.mock import render_report

    long_id = max(load_bank().problems, key=len)
    report = {"seed": 1, "minutes": 45, "elapsed": 600, "ended_early": True,
              "problem": {"id": long_id, "verdict": "fail", "core": [3, 10], "checks": 4, "seconds": 600, "overtime": True},
              "cards": [{"id": "q10-sqrt-dk", "level": "L2", "rating": 1, "seconds": 30, "parent": None}],
              "review": [f"problem {long_id} (fail): mlkata hint {long_id}, then mlkata check {long_id}"]}
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(terminal, "_console", None)
    with terminal.console().capture() as cap:
        render_report(report)
    lines = cap.get().rstrip("\n").split("\n")
    assert max(cell_len(ln) for ln in lines) <= 80
    part = [ln for ln in lines if ln.startswith("coding")]
    assert len(part) == 1 and "FAIL (over time) core 3/10" in part[0]   # one line, the verdict whole
    bullet = next(i for i, ln in enumerate(lines) if ln.startswith("  • problem"))
    assert lines[bullet + 1].startswith("    ") and lines[bullet + 1].strip()  # wrapped, under the text
