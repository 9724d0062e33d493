"""`%load_ext mlkata` and a `%%mlkata check ID` cell in a real IPython shell."""

from __future__ import annotations

import sqlite3

import pytest

from mlkata.bank import load_bank

IPython = pytest.importorskip("IPython")


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    yield sh
    InteractiveShell.clear_instance()


def test_cell_magic_judges_records_and_defines(shell, mlkata_dirs):
    shell.run_line_magic("load_ext", "mlkata")
    good = load_bank().get("softmax").solution_path.read_text()
    verdict = shell.run_cell_magic("mlkata", "check softmax", good)
    assert verdict.status == "pass"
    assert "PASS" in verdict._repr_html_() and "<" in verdict._repr_html_()
    # the cell also ran in the notebook: softmax is defined there now
    assert "softmax" in shell.user_ns
    bad = "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n    return e / e.sum(-1, keepdims=True)\n"
    verdict = shell.run_cell_magic("mlkata", "check softmax", bad)
    assert verdict.status == "fail"
    assert "Looks like softmax without subtracting the row max" in repr(verdict)
    conn = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db")
    assert [r[0] for r in conn.execute("SELECT status FROM attempts ORDER BY id")] == ["pass", "fail"]
    # a cell check counts like `mlkata check`: the problem is rated, its related cards become due
    assert conn.execute("SELECT COUNT(*) FROM srs_log WHERE item='problem:softmax'").fetchone()[0] == 2
    assert conn.execute("SELECT COUNT(*) FROM srs_state WHERE kind='card'").fetchone()[0] > 0


def test_unknown_problem_in_a_cell_is_a_message(shell, capsys):
    shell.run_line_magic("load_ext", "mlkata")
    assert shell.run_cell_magic("mlkata", "check softmx", "x = 1") is None
    assert "did you mean softmax" in capsys.readouterr().out


def test_cell_magic_follows_the_honest_record(shell, mlkata_dirs, capsys):
    """The same cell run twice is one attempt; a starter cell is none (same rules as `mlkata check`)."""
    shell.run_line_magic("load_ext", "mlkata")
    p = load_bank().get("softmax")
    starter = p.starter_path.read_text()
    assert shell.run_cell_magic("mlkata", "check softmax", starter).status != "pass"
    assert "still the starter" in capsys.readouterr().out
    bad = "import numpy as np\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum()\n"
    for _ in range(2):
        assert shell.run_cell_magic("mlkata", "check softmax", bad).status == "fail"
    assert "not recorded again" in capsys.readouterr().out
    conn = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db")
    assert [r[0] for r in conn.execute("SELECT status FROM attempts")] == ["fail"]
    assert conn.execute("SELECT COUNT(*) FROM srs_log WHERE item='problem:softmax'").fetchone()[0] == 1
