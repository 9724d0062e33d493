"""Hostile and broken submissions: each gets the right verdict within its limit plus two
seconds, mlkata never shows its own traceback, no process survives, and progress stays intact."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank"
LIMIT = 3.0  # the fixture problem's time limit


@pytest.fixture(autouse=True)
def fixture_bank(monkeypatch):
    monkeypatch.setenv("MLKATA_BANK", str(FIXTURE_BANK))


def _token_processes() -> list[int]:
    """Judge-run processes of *this* test process still alive (there must be none after a
    verdict). The judge makes us a subreaper, so escaped grandchildren would be ours too."""
    from mlkata.judge import guardian

    me = os.getpid()
    keeper = guardian.guardian_pid()  # the judge's own watcher: it lives as long as the judge
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    data = f.read()
                parents[int(name)] = int(data[data.rfind(b")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    found = []
    for pid in parents:
        if pid == keeper:
            continue
        p, hops = parents.get(pid), 0
        while p and p != me and hops < 50:
            p, hops = parents.get(p), hops + 1
        if p == me:
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    state = f.read().rsplit(b")", 1)[1].split()[0]
            except OSError:
                continue
            if state != b"Z":
                found.append(pid)
    return found


def judge_file(mlkata, tmp_path, code: str, *extra: str) -> tuple[dict, float]:
    path = tmp_path / "sub.py"
    path.write_text(code)
    t0 = time.monotonic()
    r = mlkata("check", "double", "--file", str(path), "--json", *extra)
    elapsed = time.monotonic() - t0
    assert r.exit_code in (0, 1), r.output
    assert "Traceback (most recent call last)" not in r.output
    return json.loads(r.output), elapsed


def assert_store_intact(home: Path, attempts: int) -> None:
    conn = sqlite3.connect(home / "mlkata.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == attempts


HOSTILE = {
    "infinite loop in the function": ("def double(x):\n    while True:\n        pass\n", "timeout", None),
    "infinite loop at import": ("while True:\n    pass\n", "timeout", None),
    "memory bomb": ("def double(x):\n    a = bytearray(8 * 1024**3)\n    return x * 2\n", "oom", None),
    "numpy memory bomb": ("import numpy as np\ndef double(x):\n    return np.ones((1 << 16, 1 << 16)) \n", "oom", None),
    "growing list": ("def double(x):\n    a = []\n    while True:\n        a.append([0] * 5_000_000)\n", "oom", None),
    "os._exit mid-run": ("import os\ndef double(x):\n    os._exit(0)\n", "error", "exited"),
    "sys.exit mid-run": ("import sys\ndef double(x):\n    sys.exit(3)\n", "error", "sys.exit(3)"),
    "exit() at import": ("import sys\nsys.exit(0)\n", "error", "sys.exit(0)"),
    "segfault": ("import ctypes\ndef double(x):\n    return ctypes.string_at(0)\n", "error", "segmentation fault"),
    "deep recursion": ("def double(x, n=0):\n    return double(x, n + 1)\n", "error", "RecursionError"),
    "no entry point": ("def triple(x):\n    return 3 * x\n", "error", "no `double` found"),
    "syntax error": ("def double(x)\n    return 2 * x\n", "error", "SyntaxError"),
    "import error": ("import not_a_module_xyz\n", "error", "ModuleNotFoundError"),
    "exception": ("def double(x):\n    return {}[x.size]\n", "error", "KeyError"),
    "fork loop": ("import os\ndef double(x):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n", None, None),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_submission_gets_a_verdict(mlkata, mlkata_dirs, tmp_path, name):
    code, status, needle = HOSTILE[name]
    result, elapsed = judge_file(mlkata, tmp_path, code)
    if status is not None:
        assert result["status"] == status, result
    else:
        assert result["status"] in ("error", "timeout"), result
    assert elapsed < LIMIT + 2 + 3, f"took {elapsed:.1f}s"  # limit + 2 s, plus start-up slack for a loaded CI box
    if needle:
        text = (result["message"] or "") + "".join((t["message"] or "") for t in result["tests"])
        assert needle in text, text
    assert _token_processes() == []
    assert_store_intact(mlkata_dirs["home"], 1)


def test_escaped_daemon_is_killed(mlkata, mlkata_dirs, tmp_path):
    code = (
        "import os, time\n"
        "def double(x):\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            os.execve('/bin/sleep', ['sleep', '1000'], {})\n"  # clean env: no token
        "        os._exit(0)\n"
        "    time.sleep(0.3)\n"
        "    return x * 2\n"
    )
    before = {p for p in _sleepers()}
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass"
    time.sleep(0.2)
    assert set(_sleepers()) - before == set(), "a daemonised grandchild survived the run"


def _sleepers() -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    if f.read().split(b"\0")[:2] == [b"sleep", b"1000"]:
                        out.append(int(name))
            except OSError:
                pass
    return out


def test_huge_prints_are_captured_and_capped(mlkata, mlkata_dirs, tmp_path):
    code = "def double(x):\n    for _ in range(100_000):\n        print('y' * 1000)\n    return x * 2\n"
    result, elapsed = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass"
    out = result["tests"][0]["output"]
    assert 0 < len(out) < 10_000 and "more characters not shown" in out


def test_fd_level_writes_do_not_corrupt_the_verdict(mlkata, tmp_path):
    code = "import os\ndef double(x):\n    os.write(1, b'\\x00' * 100000)\n    os.write(2, b'noise')\n    return x * 2\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass"


def test_writing_on_the_result_channel_is_an_error_not_a_crash(mlkata, tmp_path):
    code = (
        "import os\n"
        "def double(x):\n"
        "    for fd in range(3, 64):\n"
        "        try:\n"
        "            os.write(fd, b'\\xff' * 64)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return x * 2\n"
    )
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] in ("error", "pass", "fail")


def test_forbidden_api_static_and_runtime(mlkata, tmp_path):
    result, _ = judge_file(mlkata, tmp_path, "import numpy as np\ndef double(x):\n    return np.multiply(x, 2)\n")
    assert result["status"] == "forbidden" and "numpy.multiply" in result["message"] and "line 3" in result["message"]
    # reached through getattr with a computed name: only the runtime guard can see it
    code = "import numpy as np\ndef double(x):\n    f = getattr(np, 'mul' + 'tiply')\n    return f(x, 2)\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "forbidden", result
    assert any("numpy.multiply" in (t["message"] or "") and "line 4" in (t["message"] or "") for t in result["tests"])


def test_own_function_with_a_forbidden_name_is_fine(mlkata, tmp_path):
    code = "def multiply(a, b):\n    return a * b\n\ndef double(x):\n    return multiply(x, 2)\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass"


def test_self_test_under_main_guard_may_use_forbidden_api(mlkata, tmp_path):
    code = "import numpy as np\ndef double(x):\n    return x + x\n\nif __name__ == '__main__':\n    print(np.multiply(2, 3))\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass"


def test_mutating_the_input_does_not_leak_into_other_cases(mlkata, tmp_path):
    code = "def double(x):\n    x *= 2\n    return x\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass"


def test_prints_are_reported_per_case(mlkata, tmp_path):
    code = "def double(x):\n    print('size', x.size)\n    return x * 2\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    outputs = [t["output"].strip() for t in result["tests"]]
    assert outputs[:3] == ["size 1", "size 5", "size 50"]


def test_wrong_answer_names_the_mistake(mlkata, tmp_path):
    result, _ = judge_file(mlkata, tmp_path, "def double(x):\n    return x + 2.0\n")
    assert result["status"] == "fail"
    assert result["diagnosis"]["id"] == "plus-two"
    result, _ = judge_file(mlkata, tmp_path, "def double(x):\n    return x ** 2\n")
    assert result["diagnosis"]["id"] == "squares"


def test_wrong_dtype_is_reported(mlkata, tmp_path):
    result, _ = judge_file(mlkata, tmp_path, "import numpy as np\ndef double(x):\n    return (x * 2).astype(np.float32)\n")
    assert result["status"] == "fail"
    assert "dtype float32, expected float64" in result["tests"][0]["message"]


def test_edge_failures_are_notes_unless_strict(mlkata, tmp_path):
    code = "import numpy as np\ndef double(x):\n    return (x * 2).astype(np.float64)\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass" and result["notes"]
    result, _ = judge_file(mlkata, tmp_path, code, "--strict")
    assert result["status"] == "fail"


def _landlock() -> bool:
    from mlkata.judge.landlock import abi_version

    return abi_version() >= 1


@pytest.mark.skipif(not _landlock(), reason="the kernel has no Landlock")
def test_submission_cannot_overwrite_the_database_or_the_case_cache(mlkata, mlkata_dirs, tmp_path):
    judge_file(mlkata, tmp_path, "def double(x):\n    return x * 2\n")  # creates the database and the cache
    targets = [mlkata_dirs["home"] / "mlkata.db", *sorted(Path(mlkata_dirs["cache"]).rglob("*.pkl"))]
    code = (
        "import numpy as np\n"
        f"TARGETS = {[str(t) for t in targets]!r}\n"
        "def double(x):\n"
        "    for t in TARGETS:\n"
        "        try:\n"
        "            with open(t, 'r+b') as f:\n"
        "                f.write(b'CORRUPT' * 100)\n"
        "            return x * 3\n"  # a write got through: the verdict says so
        "        except OSError:\n"
        "            pass\n"
        "    return x * 2\n"
    )
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass", result
    assert_store_intact(mlkata_dirs["home"], 2)
    assert mlkata("stats").exit_code == 0


@pytest.mark.skipif(not _landlock(), reason="the kernel has no Landlock")
def test_submission_cannot_signal_the_judge(mlkata, tmp_path):
    # signal 0 only asks whether a signal would be delivered: harmless if the guard is missing
    code = (
        "import os\n"
        "def double(x):\n"
        "    try:\n"
        "        os.kill(os.getppid(), 0)\n"
        "    except PermissionError:\n"
        "        return x * 2\n"
        "    return x * 3\n"
    )
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass", result


@pytest.mark.parametrize("code", [
    "import numpy as np\nclass A(np.ndarray):\n    pass\ndef double(x):\n    return (x * 2).view(A)\n",
    "import numpy as np\ndef double(x):\n    return np.ma.masked_array(x * 2)\n",
    "\ufeffdef double(x):\n    return x * 2\n",  # a UTF-8 byte-order mark, as Windows editors save
], ids=["ndarray subclass", "masked array", "byte-order mark"])
def test_correct_results_in_unusual_containers_pass(mlkata, tmp_path, code):
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "pass", result


def test_an_exception_whose_str_raises_is_reported(mlkata, tmp_path):
    code = "class E(Exception):\n    def __str__(self):\n        raise RuntimeError\ndef double(x):\n    raise E()\n"
    result, _ = judge_file(mlkata, tmp_path, code)
    assert result["status"] == "error"
    assert "E" in result["tests"][0]["message"] and "exited" not in result["tests"][0]["message"]


def test_printing_a_lone_surrogate_keeps_the_json_valid_utf8(mlkata, tmp_path):
    result, _ = judge_file(mlkata, tmp_path, "def double(x):\n    print('\\udcff!')\n    return x * 2\n")
    assert result["status"] == "pass"
    json.dumps(result, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
