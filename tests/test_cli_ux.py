"""What a new user meets on the command line: ids by prefix, LeetCode number or initials (with a
"did you mean"), `check` on a workspace file, a next step after every verdict, a plain
`solution` behind a question, JSON without null messages, shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from mlkata.bank import load_bank
from mlkata.cli.common import resolve, shortcuts

BANK = load_bank()
SOFTMAX = BANK.get("softmax")


def lc_problem():
    return next(p for p in BANK.ordered() if isinstance(p.extra.get("leetcode"), int))


def test_ids_resolve_by_leetcode_number_prefix_initials_and_file_name(mlkata):
    p = lc_problem()
    n = p.extra["leetcode"]
    for name in (f"lc{n}", f"LC{n}", f"lc-{n}", f"leetcode{n}", p.filename, p.filename[:-3]):
        assert resolve(BANK, name) == (p.id, []), name
    r = mlkata("show", f"lc{n}")
    assert r.exit_code == 0 and p.title.split(" (")[0] in r.output
    # a unique prefix of a long id
    long_id = max(BANK.problems, key=len)
    prefix = next(long_id[:k] for k in range(3, len(long_id)) if
                  sum(i.startswith(long_id[:k]) for i in BANK.problems) == 1)
    assert resolve(BANK, prefix) == (long_id, [])
    # initials of a multi-word id, when no other id has the same
    counts = {}
    for q in BANK.problems.values():
        for s in set(shortcuts(q)):
            counts[s] = counts.get(s, 0) + 1
    multi = next(q for q in BANK.ordered() if "-" in q.id and counts["".join(w[0] for w in q.id.split("-"))] == 1
                 and "".join(w[0] for w in q.id.split("-")) not in BANK.problems)
    assert resolve(BANK, "".join(w[0] for w in multi.id.split("-")))[0] == multi.id


def test_ambiguous_and_unknown_names_say_what_to_type(mlkata):
    # two ids sharing a prefix: both are offered
    first = sorted(BANK.problems)
    pair = next((a, b) for a, b in zip(first, first[1:]) if a[:3] == b[:3])
    r = mlkata("show", pair[0][:3])
    if resolve(BANK, pair[0][:3])[0] is None:
        assert r.exit_code == 2 and pair[0] in r.output and pair[1] in r.output
    r = mlkata("check", "softmx")
    assert r.exit_code == 2 and "Did you mean: softmax" in r.output
    r = mlkata("show", "lc99999")
    assert r.exit_code == 2 and "mlkata list" in r.output


def test_check_infers_the_problem_from_a_workspace_file(mlkata, mlkata_dirs):
    mlkata("start", "softmax")
    path = mlkata_dirs["workspace"] / SOFTMAX.filename
    path.write_text(SOFTMAX.solution_path.read_text())
    r = mlkata("check", str(path))
    assert r.exit_code == 0, r.output
    assert "PASS softmax" in r.output
    r = mlkata("check", "--file", str(path))
    assert r.exit_code == 0 and "PASS softmax" in r.output
    other = mlkata_dirs["workspace"] / "notes.py"
    other.write_text("x = 1\n")
    r = mlkata("check", str(other))
    assert r.exit_code == 2 and "not a workspace file" in r.output
    assert mlkata("check").exit_code == 2


def test_every_verdict_ends_with_the_next_step(mlkata, mlkata_dirs, tmp_path):
    mlkata("start", "softmax")
    r = mlkata("check", "softmax")                                    # the untouched starter
    assert r.output.strip().splitlines()[-1].startswith("next:") and "mlkata hint softmax" in r.output
    wrong = next(m for m in SOFTMAX.mistakes if m.tier == "core")
    r = mlkata("check", "softmax", "--file", str(wrong.path))
    last = r.output.strip().splitlines()[-1]
    assert r.exit_code == 1 and last.startswith("next:") and "mlkata hint softmax" in last
    good = tmp_path / "good.py"
    good.write_text(SOFTMAX.solution_path.read_text())
    r = mlkata("check", "softmax", "--file", str(good))
    last = r.output.strip().splitlines()[-1]
    assert r.exit_code == 0 and last.startswith("next:") and ("mlkata next" in last or "mlkata review" in last)


def test_json_messages_are_never_null(mlkata, mlkata_dirs, tmp_path):
    mlkata("start", "softmax")
    for args in (["softmax"], ["softmax", "--file", str(SOFTMAX.solution_path)]):
        data = json.loads(mlkata("check", *args, "--json").output)
        assert isinstance(data["message"], str) and data["message"]
        assert all(isinstance(t["message"], str) for t in data["tests"])
    assert "starter" in json.loads(mlkata("check", "softmax", "--json").output)["message"]


def test_solution_asks_first_then_prints_plain_code(mlkata, mlkata_dirs):
    import sqlite3

    r = mlkata("solution", "softmax", input="n\n")
    assert "def softmax" not in r.output and "not shown" in r.output
    r = mlkata("solution", "softmax")                                 # end of input: no
    assert "def softmax" not in r.output
    r = mlkata("solution", "softmax", input="y\n")
    assert "def softmax" in r.output
    code = mlkata("solution", "softmax", "--yes").output
    assert code.rstrip("\n") == SOFTMAX.solution_path.read_text().rstrip("\n")  # no box, no line numbers
    conn = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db")
    assert conn.execute("SELECT COUNT(*) FROM events WHERE kind='solution'").fetchone()[0] == 2


def test_show_states_the_forbidden_list_once(mlkata, tmp_path, monkeypatch):
    from study_helpers import make_bank

    p = next(p for p in BANK.ordered() if p.forbidden)
    out = mlkata("show", p.id).output
    assert "not allowed" in p.statement.lower()
    assert "Not allowed here" not in out            # the statement's list is the only one
    # a statement that does not state it: the bank's list is shown, once
    root = make_bank(tmp_path / "bank", monkeypatch, {"softmax": ("foundations", "L1")})
    st = root / "problems" / "softmax" / "statement.md"
    st.write_text("\n".join(ln for ln in st.read_text().splitlines() if "allowed" not in ln.lower()))
    monkeypatch.setenv("COLUMNS", "300")
    out = mlkata("show", "softmax").output
    assert out.count("Not allowed here") == 1 and "torch.nn.functional.softmax" in out


def test_shell_completion_offers_commands_and_problem_ids(mlkata_dirs):
    env = dict(os.environ, _MLKATA_COMPLETE="bash_complete", COMP_WORDS="mlkata check soft", COMP_CWORD="2")
    out = subprocess.run([sys.executable, "-c", "from mlkata.cli.main import main; main()"], env=env,
                         capture_output=True, text=True, timeout=120).stdout
    assert "softmax" in out
    env.update(COMP_WORDS="mlkata rev", COMP_CWORD="1")
    out = subprocess.run([sys.executable, "-c", "from mlkata.cli.main import main; main()"], env=env,
                         capture_output=True, text=True, timeout=120).stdout
    assert "review" in out


def test_float32_message_shows_two_different_numbers():
    import numpy as np

    from mlkata.judge.compare import compare

    e = np.array([1.0, 2.0], dtype=np.float64)
    g = np.array([1.0 + 3e-8, 2.0], dtype=np.float64)
    msg = compare(e, g, {"rtol": 1e-9, "atol": 0.0}, check_dtype=False)
    got = msg.split("expected ")[1].split(", got ")
    assert got[0] != got[1].split(" ")[0], msg


def test_difficulty_is_validated_and_the_self_check_notices_a_missing_one(tmp_path):
    import shutil

    import pytest

    from mlkata.bank import BankError
    from mlkata.judge.selfcheck import metadata_finding

    assert all(p.difficulty in ("Easy", "Medium", "Hard") for p in BANK.problems.values())
    assert all(metadata_finding(p).ok for p in BANK.problems.values())
    root = tmp_path / "content"
    shutil.copytree(BANK.root, root, ignore=shutil.ignore_patterns("__pycache__"))
    toml = root / "problems" / "softmax" / ".meta" / "problem.toml"
    toml.write_text(toml.read_text().replace('difficulty = "Easy"', 'difficulty = "easy-ish"', 1))
    with pytest.raises(BankError) as err:
        load_bank(root)
    assert "difficulty" in str(err.value) and "problem.toml" in str(err.value)
    toml.write_text(toml.read_text().replace('difficulty = "easy-ish"\n', "", 1))
    missing = metadata_finding(load_bank(root).get("softmax"))
    assert not missing.ok and "difficulty" in missing.detail


def test_log_table_fits_80_columns_with_topic_and_difficulty(mlkata, monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    mlkata("log", "set", "softmax", "--status", "shaky")
    out = mlkata("log").output
    assert max(cell_len(ln) for ln in out.splitlines()) <= 80
    lines = out.splitlines()
    assert len([ln for ln in lines if ln.startswith(("softmax ", "two-sum ", "LC "))]) >= 1
    row = next(ln for ln in lines if ln.startswith("softmax "))
    assert SOFTMAX.difficulty in row and "Foundations" in row and SOFTMAX.title not in row
    assert "shaky*" in row
    # by default only what was practised: title, header, the one row, caption, the line saying what is left out
    assert len(lines) == 5 and "mlkata log --all" in lines[-1]
    everything = mlkata("log", "--all").output.splitlines()
    assert max(cell_len(ln) for ln in everything) <= 80
    assert len(everything) == len(BANK.problems) + 3  # title, header, one line per problem, caption: nothing wrapped


def test_the_readme_tour_runs_after_the_quick_start():
    import re
    import shlex
    from pathlib import Path

    import click

    from mlkata.cli.main import cli

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    quick = blocks[0]
    tour = [ln.split("  #")[0].strip() for b in blocks[1:] for ln in b.splitlines() if ln.startswith("mlkata")]
    assert tour
    # a bare `mlkata` in the tour needs it on PATH: the quick start activates the venv it installs into
    assert re.search(r"\. \.venv/bin/activate && pip install -e \. && mlkata ", quick)
    ctx = click.Context(cli)
    for line in tour:
        args = shlex.split(line)[1:]
        cmd, rest = cli, args
        while isinstance(cmd, click.Group) and rest and not rest[0].startswith("-"):
            sub = cmd.get_command(ctx, rest[0])
            assert sub is not None, line
            cmd, rest = sub, rest[1:]
        known = {o for p in cmd.params for o in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
        for tok in rest:
            if tok.startswith("-"):
                assert tok.split("=")[0] in known, (line, tok)
        if isinstance(cmd, click.Command) and not isinstance(cmd, click.Group):
            ids = [t for t in rest if not t.startswith("-")]
            if cmd.name in ("show", "start", "check", "hint", "solution", "watch") and ids:
                from mlkata.cli.common import bank, resolve

                assert resolve(bank(), ids[0])[0] is not None, line


def test_the_first_check_of_a_problem_says_it_prepares_its_cases(mlkata, tmp_path, monkeypatch):
    # when the cases must be built (nothing shipped applies, as after a maintainer's edit)
    monkeypatch.setenv("MLKATA_CACHE", str(tmp_path / "fresh-cache"))
    monkeypatch.setenv("MLKATA_NO_SHIPPED", "1")
    mlkata("start", "two-sum")
    assert "first check of two-sum: preparing" in mlkata("check", "two-sum").output
    assert "preparing" not in mlkata("check", "two-sum").output
    assert "preparing" not in mlkata("check", "two-sum", "--json").output


def test_next_points_to_review_when_cards_are_due(mlkata, monkeypatch):
    import types

    import importlib

    importlib.import_module("mlkata.study")  # the package the stand-in module goes into

    fake = types.ModuleType("mlkata.study.cards")
    fake.due_count = lambda conn: 3
    monkeypatch.setitem(sys.modules, "mlkata.study.cards", fake)
    monkeypatch.setattr(sys.modules["mlkata.study"], "cards", fake, raising=False)
    out = mlkata("next").output
    assert "concept cards due: 3  mlkata review" in out
