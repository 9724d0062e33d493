"""Shipped cases and signatures (issue 17, point 5): a first check builds nothing it can read,
what is shipped is exactly what the generators make today, and anything stale or damaged is
ignored rather than trusted."""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from mlkata.bank import load_bank
from mlkata.judge import core, shipped
from mlkata.judge.codec import TensorBox


def _same(a, b, ulps: int = 0) -> bool:
    """Equal; with `ulps`, floating values may differ by that many units in the last place of
    their dtype, relative to the array's scale (an oracle's sums in another thread order)."""
    if isinstance(a, TensorBox) and isinstance(b, TensorBox):
        return a.dtype == b.dtype and _same(a.array, b.array, ulps) and _same(a.grad, b.grad, ulps)
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind not in "fc" or not ulps:
            return np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        eps = np.finfo(a.dtype).eps
        finite = np.isfinite(a)
        scale = float(np.abs(a[finite]).max()) if finite.any() else 0.0
        return bool(np.array_equal(finite, np.isfinite(b)) and np.array_equal(a[~finite], b[~finite], equal_nan=True)
                    and np.allclose(a[finite], b[finite], rtol=ulps * eps, atol=ulps * eps * scale))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y, ulps) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k], ulps) for k in a)
    if isinstance(a, float) and isinstance(b, float):
        return (a != a and b != b) or abs(a - b) <= ulps * 2.3e-16 * max(abs(a), abs(b)) or a == b
    return type(a) is type(b) and a == b


def test_every_problem_ships_what_its_generator_makes_today():
    """The freshness check of the whole bank: signatures computed on today's case inputs, and
    the cases themselves (inputs and oracle values) identical to a fresh generation."""
    bank = load_bank()
    heavy = []
    for p in bank.ordered():
        generated = core.generate_cases(p)
        assert shipped.stale(p, generated) is None, f"{p.id}: {shipped.stale(p, generated)}"
        record = shipped.read(p, "cases")
        if record is None:
            heavy.append(p.id)
            continue
        ours = record["cases"]
        assert [c.name for c in ours] == [c.name for c in generated], p.id
        for a, b in zip(ours, generated):
            assert _same((a.args, a.kwargs, a.tier, a.tol), (b.args, b.kwargs, b.tier, b.tol)), \
                f"{p.id}: case {a.name!r}: its inputs differ from what its generator makes"
            # oracle values: the same up to the order of a sum (BLAS threads), far inside any tolerance
            assert _same(a.expected, b.expected, ulps=16), f"{p.id}: case {a.name!r}: its expected value differs"
    # only problems whose cases are too heavy to ship generate them (N = 100k inputs)
    assert len(heavy) <= 3, heavy


def named_mistakes(json_output: str) -> set[str]:
    """The known mistakes a `check --json` result names, overall or in any case."""
    import json

    result = json.loads(json_output)
    named = {result["diagnosis"]["id"]} if result.get("diagnosis") else set()
    return named | {t["diagnosis"] for t in result["tests"] if t.get("diagnosis")}


def _shipped_problem(framework: str = "numpy"):
    """A problem whose cases and signatures are shipped, with a known mistake."""
    for p in load_bank().ordered():
        if p.framework == framework and p.mistakes and shipped.available(p, "cases"):
            return p
    pytest.skip(f"no {framework} problem ships its cases")


def test_first_check_builds_nothing_and_still_diagnoses(mlkata, fresh_cache):
    p = _shipped_problem()
    ok = mlkata("check", p.id, "--file", str(p.solution_path))
    assert ok.exit_code == 0 and "PASS" in ok.output
    assert "preparing its cases" not in ok.output
    mistake = p.mistakes[0]
    bad = mlkata("check", p.id, "--file", str(mistake.path), "--json")
    assert bad.exit_code == 1
    assert mistake.id in named_mistakes(bad.output)
    # nothing was generated: no case file of this problem in the fresh cache
    assert not list((fresh_cache / "cases").glob(f"{p.id}-*.pkl"))


def test_a_starter_check_runs_no_known_mistake(mlkata, fresh_cache, monkeypatch):
    p = _shipped_problem()
    monkeypatch.setenv("MLKATA_NO_SHIPPED", "1")  # nothing shipped: signatures would be computed here
    mlkata("start", p.id)
    out = mlkata("check", p.id)
    assert out.exit_code == 1 and "starter" in out.output
    assert not list((fresh_cache / "signatures").glob(f"{p.id}-*")), "the starter's check ran the known mistakes"


def _bank_copy(tmp_path: Path, monkeypatch) -> Path:
    src = Path(load_bank().root)
    dst = tmp_path / "bank"
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("MLKATA_BANK", str(dst))
    return dst


def test_stale_shipped_data_is_ignored_and_rebuilt(mlkata, fresh_cache, tmp_path, monkeypatch):
    p = _shipped_problem()
    root = _bank_copy(tmp_path, monkeypatch)
    cases_py = root / "problems" / p.id / ".meta" / "cases.py"
    cases_py.write_text(cases_py.read_text(encoding="utf-8") + "\n# edited by a maintainer\n", encoding="utf-8")
    copy = load_bank(root).get(p.id)
    assert not shipped.available(copy, "cases") and shipped.read(copy, "signatures") is None
    out = mlkata("check", p.id, "--file", str(p.solution_path))
    assert out.exit_code == 0 and "preparing its cases" in out.output
    assert list((fresh_cache / "cases").glob(f"{p.id}-*.pkl")), "the generator did not run"


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign-pickle"])
def test_damaged_shipped_file_is_ignored_never_trusted(mlkata, fresh_cache, tmp_path, monkeypatch, damage):
    import pickle

    p = _shipped_problem()
    root = _bank_copy(tmp_path, monkeypatch)
    path = root / "problems" / p.id / ".meta" / "shipped" / "cases.pkl.gz"
    data = gzip.decompress(path.read_bytes())
    head = data.partition(b"\n")[0]
    canary = tmp_path / "canary"
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x1f\x8b not gzip at all")
    else:  # a pickle that would run code if it were unpickled without the allow-list

        class Boom:
            def __reduce__(self):
                return (Path.touch, (canary,))

        path.write_bytes(gzip.compress(head + b"\n" + pickle.dumps(Boom())))
    out = mlkata("check", p.id, "--file", str(p.solution_path))
    assert out.exit_code == 0 and "PASS" in out.output
    assert not canary.exists()


def test_heavy_problem_cases_are_prepared_when_the_problem_is_started(mlkata, fresh_cache):
    heavy = [p for p in load_bank().ordered() if not shipped.available(p, "cases")]
    if not heavy:
        pytest.skip("every problem ships its cases")
    p = min(heavy, key=lambda q: {"python": 0, "numpy": 1}.get(q.framework, 2))
    assert not core.cases_ready(p)
    mlkata("start", p.id)
    deadline = time.monotonic() + 120
    while not core.cases_ready(p) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert core.cases_ready(p), "the background preparation did not store the cases"
    out = mlkata("check", p.id, "--file", str(p.solution_path))
    assert out.exit_code == 0 and "preparing its cases" not in out.output
    # the lock held while the cases are built leaves none of the preparer's processes behind
    deadline = time.monotonic() + 10
    while _preparers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _preparers()


def _preparers() -> list[int]:
    """This test's background preparers (by the cache folder in their environment)."""
    import os

    mine = f"MLKATA_CACHE={os.environ['MLKATA_CACHE']}".encode()
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if b"mlkata.judge.prepare" in (d / "cmdline").read_bytes() and mine in (d / "environ").read_bytes().split(b"\0"):
                    found.append(int(d.name))
            except OSError:
                continue
    return found


def test_a_sampled_signature_matches_exactly_where_the_whole_one_would():
    from mlkata.judge import sample
    from mlkata.judge.compare import compare

    rng = np.random.default_rng(0)
    expected = rng.normal(size=(64, 1000))
    mistake = expected.copy()
    mistake[7, 123] += 1.0           # the mistake differs from the expected output in one place
    sig = sample.shrink(mistake, expected)
    assert isinstance(sig, sample.Sample) and sig.values.size <= sample.SAMPLE
    assert 7 * 1000 + 123 in set(sig.index.tolist())  # where it differs is always kept
    tol = {"rtol": 1e-9, "atol": 1e-12}
    # the same wrong output: a match
    a, b = sample.align(sig, mistake.copy())
    assert compare(a, b, tol) is None
    # the correct output, or another wrong one: no match
    for other in (expected, expected + 0.5):
        a, b = sample.align(sig, other)
        assert compare(a, b, tol) is not None
    # another shape or dtype never matches
    assert sample.align(sig, mistake[:10]) is None
    assert sample.align(sig, mistake.astype(np.float32)) is None
    # a tensor's array and gradient are sampled alike
    box = TensorBox(mistake.astype(np.float32), "torch.float32", True, TensorBox(mistake, "torch.float64"))
    small = sample.shrink(box, TensorBox(expected.astype(np.float32), "torch.float32", True,
                                         TensorBox(expected, "torch.float64")))
    a, b = sample.align(small, box)
    assert compare(a, b, tol) is None


def _warm_children() -> list[int]:
    import os

    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == os.getpid() and b"mlkata.judge.warm" in (d / "cmdline").read_bytes():
                found.append(int(d.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_a_check_that_builds_its_cases_overlaps_the_sandbox_start_and_leaves_no_worker(mlkata, fresh_cache, monkeypatch):
    """With nothing stored, the check starts its warm worker before building the cases (the
    framework import overlaps with the oracles), judges and diagnoses through it, and stops it."""
    from mlkata.judge import warm

    p = _shipped_problem()
    monkeypatch.setenv("MLKATA_NO_SHIPPED", "1")
    started = []
    real_enable = warm.enable
    monkeypatch.setattr(warm, "enable", lambda: started.append(1) or real_enable())
    out = mlkata("check", p.id, "--file", str(p.mistakes[0].path))
    assert out.exit_code == 1 and "preparing its cases" in out.output
    assert started, "no warm worker was started for the first check"
    assert not warm.active() and not _warm_children()
    # a check with its cases stored runs as before: no worker
    started.clear()
    assert mlkata("check", p.id, "--file", str(p.solution_path)).exit_code == 0
    assert not started
