"""The warm judge gives the cold judge's verdicts, and one run cannot touch the next."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from mlkata.bank import load_bank
from mlkata.judge import warm
from mlkata.judge.core import judge, mistake_signatures

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import probe_bank  # noqa: E402


@pytest.fixture
def pool():
    p = warm.enable()
    yield p
    warm.disable()


def _verdict(result) -> tuple:
    return (result.status, result.diagnosis.id if result.diagnosis else None,
            [(t.name, t.status, t.diagnosis) for t in result.tests])


def test_monkeypatching_numpy_does_not_leak_into_the_next_run(pool, tmp_path):
    p = load_bank().get("softmax")
    reference = p.solution_path.read_text()
    hostile = (
        "import numpy as np\n"
        "np.exp = lambda x, *a, **k: np.zeros_like(x)\n"
        "np.max = np.min\n"
        + reference
    )
    mistake_signatures(p)  # (runs in parallel: done first so the two runs below are alone)
    first = judge(p, hostile, str(tmp_path / "hostile.py"))
    assert first.status == "fail"
    worker = pool.last_worker_pid
    second = judge(p, reference, str(p.solution_path))
    assert second.status == "pass", second.message
    assert pool.last_worker_pid == worker  # a fork of the same worker


@pytest.mark.parametrize("name", ["reference", "starter", "no-max-shift", "global-max", "no-keepdims"])
def test_warm_verdicts_equal_cold_verdicts(name):
    p = load_bank().get("softmax")
    path = {"reference": p.solution_path, "starter": p.starter_path}.get(name) or \
        next(m.path for m in p.mistakes if m.id == name)
    source = path.read_text()
    cold = judge(p, source, str(path))
    warm.enable()
    try:
        hot = judge(p, source, str(path))
    finally:
        warm.disable()
    assert _verdict(hot) == _verdict(cold)


HOSTILE = {
    "infinite loop": ("def double(xs):\n    while True:\n        pass\n", "timeout"),
    "memory bomb": ("def double(xs):\n    b = []\n    while True:\n        b.append(bytearray(50_000_000))\n", "oom"),
    "os._exit": ("import os\ndef double(xs):\n    os._exit(0)\n", "error"),
    "sys.exit": ("import sys\ndef double(xs):\n    sys.exit(3)\n", "error"),
    "segfault": ("import ctypes\ndef double(xs):\n    ctypes.string_at(0)\n", "error"),
    "fork loop": ("import os, time\ndef double(xs):\n    while True:\n        try:\n            os.fork()\n"
                  "        except OSError:\n            time.sleep(0.01)\n", "error"),
    "no entry point": ("def triple(xs):\n    return xs\n", "error"),
    "syntax error": ("def double(xs)\n    return xs\n", "error"),
    "deep recursion": ("def double(xs):\n    return double(xs)\n", "error"),
}


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    root = probe_bank.make_bank(tmp_path_factory.mktemp("bank") / "content", time_limit=3)
    mp = pytest.MonkeyPatch()
    mp.setenv("MLKATA_BANK", str(root))
    yield load_bank(root).get("probe-python-echo")
    mp.undo()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_submissions_get_the_cold_status_when_warm(probe, pool, tmp_path, name):
    source, status = HOSTILE[name]
    t0 = time.monotonic()
    result = judge(probe, source, str(tmp_path / "sub.py"))
    assert result.status == status, (result.message, [(t.status, t.message) for t in result.tests])
    assert time.monotonic() - t0 < probe.limits["time"] + 2 + 3  # the limit, 2 s, a loaded machine
    # and the worker still serves a correct submission afterwards
    ok = judge(probe, probe.solution_path.read_text(), str(probe.solution_path))
    assert ok.status == "pass"


def test_a_daemonised_grandchild_is_killed_after_a_warm_run(probe, pool, tmp_path):
    # the grandchild's pid comes back in the run's prints (files outside the run directory
    # are not writable from the sandbox)
    source = (
        "import os, time\n"
        "def double(xs):\n"
        "    r, w = os.pipe()\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        "            os.write(w, str(os.getpid()).encode())\n"
        "            time.sleep(600)\n"
        "        os._exit(0)\n"
        "    print('pid', os.read(r, 32).decode())\n"
        "    time.sleep(0.5)\n"
        "    return [2 * v for v in xs]\n"
    )
    result = judge(probe, source, str(tmp_path / "sub.py"))
    assert result.status == "pass"
    pid = int(result.tests[0].output.split()[1])
    for _ in range(100):
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state in ("Z", "X"):
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"process {pid} survived the run")


def test_torch_runs_in_a_fork_of_a_worker_that_imported_torch(tmp_path, pool, monkeypatch):
    root = probe_bank.make_bank(tmp_path / "content")
    monkeypatch.setenv("MLKATA_BANK", str(root))
    p = load_bank(root).get("probe-torch-linear")
    for _ in range(3):  # the (256 x 256) case uses torch's intra-op threads inside the fork
        result = judge(p, p.solution_path.read_text(), str(p.solution_path))
        assert result.status == "pass", result.message
    wrong = next(m for m in p.mistakes if m.id == "no-bias")
    result = judge(p, wrong.path.read_text(), str(wrong.path))
    assert (result.status, result.diagnosis.id) == ("fail", "no-bias")


def test_a_run_waiting_for_a_prewarming_worker_takes_it_rather_than_start_a_second(monkeypatch):
    """A first check starts its worker, then runs at once: the run waits for that worker and
    forks from it; it never starts another and pays the framework import twice, even when
    handing the ready worker over is slow (a busy machine)."""
    p = load_bank().get("attention")  # a torch worker: the run is sure to wait for its import
    source = p.solution_path.read_text()
    for _ in range(2):
        pool = warm.enable()
        real_release = pool.release

        def slow_release(*args, **kwargs):
            time.sleep(0.3)
            return real_release(*args, **kwargs)

        monkeypatch.setattr(pool, "release", slow_release)
        try:
            pool.prewarm([warm.preimport_for(p, source)])
            result = judge(p, source, str(p.solution_path))
            assert result.passed
            assert pool.started == 1, "the run started a second worker instead of waiting for the first"
        finally:
            warm.disable()
