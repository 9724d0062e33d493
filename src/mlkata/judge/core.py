"""The judge's core: cases (oracle-computed, cached), running a submission, grading, diagnosis.

``judge(problem, source, filename)`` is the one entry point the CLI and the rest use.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlkata import paths
from mlkata.bank import Problem
from mlkata.judge import forbidden as forbidden_mod
from mlkata.judge import isolation, shipped
from mlkata.judge.codec import encode
from mlkata.judge.deferred import Deferred
from mlkata.judge.result import SEVERITY, Diagnosis, Result, TestResult, sanitize
from mlkata.judge.sandbox import run_job
from mlkata.judge.spec import Case

MESSAGE_CAP = 2000  # characters of a failure message
CACHE_VERSION = 3  # 2: case summaries computed at generation; 3: signatures graded and sampled
# What the sandbox imports before the submission (outside its time and memory limits), by
# framework; a problem adds its own with `preimport = [...]` in problem.toml. torch imports
# some of itself lazily: `backward(gradient)` (how the judge sends upstream gradients) imports
# torch.fx.experimental.symbolic_shapes and sympy (~490 modules, ~0.4 s), so every torch problem
# preimports them; an optimiser's first step imports torch._dynamo (~800 modules, ~1.5 s), so
# only a problem whose cases step an optimiser preimports that
PREIMPORT = {"numpy": ["numpy"], "torch": ["numpy", "torch", "torch.fx.experimental.symbolic_shapes"], "python": []}


def preimport_for(problem: Problem, source: str = "") -> list[str]:
    """What a run imports before the submission: its problem's framework and extras, plus the
    framework of any heavy library the file itself imports (torch in a NumPy problem): its
    import is not the candidate's cost, and a warm worker that has it answers at once."""
    names = PREIMPORT[problem.framework] + list(problem.extra.get("preimport", []))
    roots = forbidden_mod.imported_roots(source) if source else set()
    for framework in ("numpy", "torch"):
        if framework in roots and framework != problem.framework:
            names += PREIMPORT[framework]
    return list(dict.fromkeys(names))  # in order, once each


# -- cases ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _versions() -> str:
    """The installed versions that change oracle values (read once per process: ~2 ms each)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for dist in ("mlkata", "numpy", "torch"):
        try:
            found.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            pass
    return "|".join(found)


def _cache_key(problem: Problem) -> str:
    """The cache files' key: the hash of the problem's files that shipped data is keyed by,
    plus what only this machine's cache depends on (Python, library versions, the reference's
    measured times)."""
    h = hashlib.sha256()
    h.update(f"v{CACHE_VERSION}|{problem.id}|{sys.version_info[:2]}".encode())
    h.update(_versions().encode())
    h.update(shipped.content_hash(problem).encode())
    timings = problem.meta / "timings.json"
    if timings.is_file():
        h.update(timings.read_bytes())
    return h.hexdigest()[:24]


# one cases module executes at a time: its top-level imports (NumPy, torch) run in whichever
# thread loads it first, and two threads importing NumPy at the same moment can see it half
# initialised ("partially initialized module 'numpy'"), as parallel self-checks did
_LOAD_LOCK = threading.RLock()


def _load_module(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    with _LOAD_LOCK:
        spec.loader.exec_module(module)
    return module


@dataclass
class CaseSet:
    """A problem's cases. Built with `defer`, the expected values a generator gave as
    :class:`~mlkata.judge.deferred.Deferred` are still being computed by a thread of this process
    (the runs need only the inputs): :meth:`complete` waits for them, and every value read
    before grading is then final."""

    cases: list[Case]
    key: str
    _pending: threading.Thread | None = None
    _error: BaseException | None = None  # what the oracle thread raised

    def complete(self) -> "CaseSet":
        """Wait until every expected value is computed (and the cases stored); re-raise what
        the oracle raised."""
        if self._pending is not None:
            self._pending.join()
            self._pending = None
        if self._error is not None:
            raise self._error
        return self


def _resolve(cases: list[Case]) -> None:
    """Compute and encode the deferred expected values, in case order."""
    for c in cases:
        if isinstance(c.expected, Deferred):
            c.expected = encode(c.expected.compute(), with_grad=False)


def generate_cases(problem: Problem, defer: bool = False) -> list[Case]:
    """Run the problem's generator (trusted maintainer code) and encode the values. With
    `defer`, expected values given as Deferred are left for :func:`_resolve`."""
    module = _load_module(problem.cases_path, f"_mlkata_cases_{problem.id.replace('-', '_')}")
    cases = list(module.generate())
    names = set()
    for c in cases:
        if not isinstance(c, Case):
            raise TypeError(f"{problem.cases_path}: generate() must yield Case objects, got {type(c).__name__}")
        if c.name in names:
            raise ValueError(f"{problem.cases_path}: duplicate case name {c.name!r}")
        names.add(c.name)
        if c.dtype is None:
            c.dtype = _detect_dtype(c.args)
        c.args = encode(c.args)
        c.kwargs = encode(c.kwargs)
        if not isinstance(c.expected, Deferred):
            c.expected = encode(c.expected, with_grad=False)
        if getattr(c, "upstream", None) is not None:
            c.upstream = encode(c.upstream)
    if not defer:
        _resolve(cases)
    # core cases first: a submission that dies in an edge case keeps its core verdict
    cases.sort(key=lambda c: c.tier != "core")
    return cases


def _detect_dtype(args: Any) -> str | None:
    found: list[str] = []

    def visit(x: Any) -> None:
        torch = sys.modules.get("torch")
        np = sys.modules.get("numpy")
        if torch is not None and isinstance(x, torch.Tensor) and x.is_floating_point():
            found.append(str(x.dtype).replace("torch.", ""))
        elif np is not None and isinstance(x, np.ndarray) and x.dtype.kind == "f":
            found.append(str(x.dtype))
        elif isinstance(x, (list, tuple)):
            for y in x:
                visit(y)
        elif isinstance(x, dict):
            for y in x.values():
                visit(y)

    visit(args)
    return found[0] if found else None


_LOADED: dict[str, list[Case]] = {}  # cache file -> its cases, for long-lived processes (watch)


_SEAL_KEYS: dict[str, bytes] = {}  # key file -> its key, read once per process


def cache_key_bytes() -> bytes:
    """The secret that seals mlkata's cache files (created on first use, owner-only). A run
    cannot read it: the sandbox's file rules keep mlkata's data directory out of reach."""
    path = paths.cache() / "seal.key"
    if str(path) in _SEAL_KEYS:
        return _SEAL_KEYS[str(path)]
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            _SEAL_KEYS[str(path)] = data
            return data
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(os.urandom(32))
    try:
        os.link(tmp, path)  # first writer wins; a concurrent check reads the same key
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    _SEAL_KEYS[str(path)] = path.read_bytes()
    return _SEAL_KEYS[str(path)]


def _read_sealed(path: Path) -> Any:
    """A cache file's object, or None when it is missing, unreadable or not sealed by us."""
    from mlkata.judge.codec import sealed_loads

    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return sealed_loads(data, cache_key_bytes())
    except Exception:
        path.unlink(missing_ok=True)
        return None


def _write_sealed(path: Path, obj: Any) -> None:
    from mlkata.judge.codec import sealed_dumps

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # concurrent checks never share one
    tmp.write_bytes(sealed_dumps(obj, cache_key_bytes()))
    tmp.replace(path)  # atomic: a killed check never leaves half a cache file


def _stored_cases(problem: Problem, key: str, path: Path) -> list[Case] | None:
    if str(path) in _LOADED:
        return _LOADED[str(path)]
    cases = _read_sealed(path) if path.is_file() else None
    if not isinstance(cases, list):
        record = shipped.read(problem, "cases")
        cases = record.get("cases") if record is not None else None
    if isinstance(cases, list):
        _LOADED[str(path)] = cases
        return cases
    return None


def cases_ready(problem: Problem) -> bool:
    """Whether the problem's cases are stored (this process, the sealed cache, or shipped with
    mlkata): if not, the next check runs the generator. Cheap: nothing is unpickled."""
    key = _cache_key(problem)
    path = paths.cache() / "cases" / f"{problem.id}-{key}.pkl"
    return str(path) in _LOADED or path.is_file() or shipped.available(problem, "cases")


def load_cases(problem: Problem, fresh: bool = False, defer: bool = False) -> CaseSet:
    """The problem's cases: from this process, the sealed cache, the cases shipped with mlkata
    (mlkata.judge.shipped), or else its generator. `fresh` runs the generator whatever is
    stored (the self-check, before shipping). One process at a time generates a problem's
    cases: a check started while `mlkata start` prepares them in the background waits for them.

    `defer` (a check): when the generator runs, its Deferred expected values are computed by a
    thread while the caller runs the submission on the inputs; the caller must call
    :meth:`CaseSet.complete` before it reads an expected value. The cases are stored, and the
    lock released, once they are complete."""
    import fcntl

    key = _cache_key(problem)
    path = paths.cache() / "cases" / f"{problem.id}-{key}.pkl"
    if not fresh and (cases := _stored_cases(problem, key, path)) is not None:
        return CaseSet(cases, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = open(path.parent / f"{problem.id}.lock", "a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not fresh and (cases := _stored_cases(problem, key, path)) is not None:
            lock.close()
            return CaseSet(cases, key)  # another process built them while this one waited
        cases = generate_cases(problem, defer=defer)
        from mlkata.judge.compare import summarize

        for c in cases:  # described once here, not at every grading
            c.summary = c.summary or summarize(c.args)
    except BaseException:
        lock.close()
        raise

    def finish() -> None:
        try:
            _resolve(cases)
            _write_sealed(path, cases)
            _LOADED[str(path)] = cases
        finally:
            lock.close()  # releases the flock

    caseset = CaseSet(cases, key)
    if not any(isinstance(c.expected, Deferred) for c in cases):
        finish()
        return caseset

    def finish_in_thread() -> None:
        try:
            # on torch's usual threads: one per core measured faster here (flash-attention-forward,
            # a first failure: +0.23 s over the next check against +0.44 s on one thread), the
            # run it overlaps with waits for its worker's import most of the time
            finish()
        except BaseException as exc:  # re-raised by complete(), in the caller's thread
            caseset._error = exc

    caseset._pending = threading.Thread(target=finish_in_thread, name=f"oracle-{problem.id}", daemon=True)
    caseset._pending.start()
    return caseset


def prepare_in_background(problem: Problem) -> bool:
    """Build the problem's cases in a detached process when nothing stored has them (the few
    problems too heavy to ship them): started when the candidate opens a problem, they are
    ready by the time a solution is written. True when a process was started."""
    import subprocess

    try:
        if cases_ready(problem):
            return False
        subprocess.Popen([sys.executable, "-m", "mlkata.judge.prepare", str(problem.dir.parent.parent), problem.id],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
        return True
    except Exception:  # preparing ahead is an optimisation: the check builds them anyway
        return False


def cases_or_error(problem: Problem, defer: bool = False) -> CaseSet:
    """load_cases, with a broken generator reported as a malformed bank file (never a traceback)."""
    with _generator_errors(problem):
        return load_cases(problem, defer=defer)


def complete_or_error(problem: Problem, caseset: CaseSet) -> CaseSet:
    """CaseSet.complete, with a failing deferred oracle reported as cases_or_error reports it."""
    with _generator_errors(problem):
        return caseset.complete()


@contextlib.contextmanager
def _generator_errors(problem: Problem) -> Any:
    from mlkata.bank import BankError
    from mlkata.store.errors import StoreError

    try:
        yield
    except (BankError, StoreError):
        raise
    except OSError as exc:
        if exc.filename is not None and paths.cache() in Path(exc.filename).parents:
            raise StoreError(f"cannot write mlkata's cache {exc.filename}: {exc.strerror}") from None
        raise BankError(problem.cases_path, None, f"the case generator failed: {type(exc).__name__}: {exc}") from None
    except Exception as exc:
        raise BankError(problem.cases_path, None, f"the case generator failed: {type(exc).__name__}: {exc}") from None


# -- running ----------------------------------------------------------------------------------

@dataclass
class RawRun:
    load_status: str                      # ok / error / forbidden / timeout / oom
    load_message: str | None
    load_output: str
    entry: str | None
    cases: dict[int, dict]                # index -> {"status", "value", "message", "output", "seconds"}
    fd_output: str
    seconds: float
    layers: dict | None = None            # what the sandbox reported in force


def _readable_for(problem: Problem, filename: str) -> list[str]:
    """What a run may read besides the interpreter: the problem's own files, and the folder of
    the candidate's file when it is mlkata's workspace (a sibling module may be imported
    from there); never the user's home or mlkata's data directory."""
    found = [str(problem.dir)]
    try:
        folder = Path(filename).resolve().parent
        if folder == paths.workspace().resolve():
            found.append(str(folder))
    except OSError:
        pass
    return found


def _job(problem: Problem, source: str, filename: str, cases: list[tuple[int, Case]]) -> dict:
    return {
        "source": source,
        "filename": filename,
        "entry_names": [problem.entry] + list(problem.aliases),
        "forbidden": list(problem.forbidden),
        "cases_path": str(problem.cases_path),
        "preimport": preimport_for(problem, source),
        "prelude": problem.extra.get("prelude"),
        "recursion_limit": problem.extra.get("recursion_limit"),
        "limits": problem.limits,
        "readable": _readable_for(problem, filename),
        "simulate_missing": sorted(isolation.simulated_missing()),
        "cases": [
            {
                "index": i,
                "name": c.name,
                "args": c.args,
                "kwargs": c.kwargs,
                "run": c.run,
                "requires_grad": tuple(c.requires_grad),
                "upstream": getattr(c, "upstream", None),
                "data": c.data.get("sandbox", {}),
            }
            for i, c in cases
        ],
    }


# per-case time limits: TIME_FLOOR seconds plus TIME_FACTOR x the reference's time on that case
# (a case's own `time_limit` wins): a small case is cut after about 1.5 s, a heavy one leaves
# room for a correct solution 100x slower than the vectorised reference (a Python loop). The reference's times are shipped per problem in
# .meta/timings.json and re-measured by every `mlkata dev check` (cache, wins when present)
TIME_FACTOR = 100.0
TIME_FLOOR = 1.5


def reference_timings(problem: Problem) -> dict[str, float]:
    """Seconds the reference took per case name (the slowest run seen), {} when never measured."""
    import json

    found: dict[str, float] = {}
    for path in (problem.meta / "timings.json", paths.cache() / "timings" / f"{problem.id}.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            found.update({str(k): float(v) for k, v in data.items() if isinstance(v, (int, float))})
    return found


def save_reference_timings(problem: Problem, seconds: dict[str, float]) -> None:
    import json

    path = paths.cache() / "timings" / f"{problem.id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps({k: round(v, 4) for k, v in sorted(seconds.items())}, indent=1), encoding="utf-8")
    tmp.replace(path)


def case_time_limit(case: Case, timings: dict[str, float]) -> float | None:
    """The case's own limit, else TIME_FLOOR + TIME_FACTOR x the reference's time, else None
    (the run's whole budget applies)."""
    if case.time_limit:
        return float(case.time_limit)
    ref = timings.get(case.name)
    if ref is None:
        return None
    return TIME_FLOOR + TIME_FACTOR * ref


def execute(problem: Problem, source: str, filename: str, cases: list[Case]) -> RawRun:
    """Run a submission on every case; a death in an edge case resumes with the next one."""
    t0 = time.monotonic()
    timings = reference_timings(problem)
    budget = float(problem.limits["time"])
    pending = list(enumerate(cases))
    results: dict[int, dict] = {}
    load_status, load_message, load_output, entry = "ok", None, "", None
    fd_output = ""
    layers = None
    while pending:
        remaining = budget - (time.monotonic() - t0)
        if remaining <= 0.05:
            for i, c in pending:
                results[i] = {"status": "skipped", "message": "not run: the time limit was used up"}
            break
        limits = dict(problem.limits, time=remaining)
        case_limits = {i: lim for i, c in pending if (lim := case_time_limit(c, timings)) is not None}
        outcome = run_job(_job(problem, source, filename, pending), limits, case_limits)
        fd_output = fd_output + outcome.output if len(fd_output) < 16000 else fd_output
        layers = outcome.layers or layers
        if outcome.protocol_error:
            # the submission wrote on the result channel: nothing it reported can be trusted
            load_status = "error"
            load_message = ("your code wrote on the judge's result channel, so no result of this run can be "
                            f"trusted ({outcome.protocol_error})")
            results = {}
            break
        load = next((m for m in outcome.messages if m.get("kind") == "load"), None)
        if load is None:
            load_status = outcome.killed or "error"
            if outcome.killed == "processes":
                load_status, load_message = "error", "your file started too many processes while being imported"
            elif outcome.killed == "timeout":
                load_message = f"importing your file did not finish within {budget:g} s"
            elif outcome.killed == "oom":
                load_message = "importing your file used more memory than allowed"
            else:
                load_message = _death_message(outcome.returncode, outcome.output, "while your file was being imported")
            break
        if load.get("status") != "ok":
            load_status = load["status"]
            load_message = load.get("message")
            if load.get("violations"):
                load_message = "\n".join(f"line {line}: `{api}` is not allowed in this problem" for api, line in load["violations"]) + "\n" + (load_message or "")
            if load.get("static"):
                load_message = load_message.rstrip("\n") + (
                    f"\nThis problem asks you to write it yourself without: {', '.join(problem.forbidden)}.")
            load_output = load.get("output", "")
            break
        entry = load.get("entry")
        load_output = load_output or load.get("output", "")
        for m in outcome.messages:
            if m.get("kind") == "case":
                # time as the judge saw it: a run cannot report itself faster than it was
                if isinstance(m.get("seconds"), (int, float)) and m.get("parent_seconds") is not None:
                    if m["seconds"] < m["parent_seconds"] - 0.005:
                        m["seconds"] = m["parent_seconds"]
                results[m["index"]] = m
        done_msg = any(m.get("kind") == "done" for m in outcome.messages)
        still = [(i, c) for i, c in pending if i not in results]
        if not still:
            break
        # the run died during a case: name it, then decide whether to resume
        dead = outcome.killed_case
        if dead is None:
            starts = [m["index"] for m in outcome.messages if m.get("kind") == "start"]
            dead = starts[-1] if starts and starts[-1] not in results else still[0][0]
        if outcome.killed == "timeout":
            limit = case_time_limit(cases[dead], timings)
            if limit and limit < remaining:
                why = ("this case's limit" if cases[dead].time_limit else
                       f"{TIME_FLOOR:g} s + {TIME_FACTOR:g}x the reference's time on it")
                msg = f"did not finish within {limit:.3g} s ({why}): an infinite loop, or far slower than needed?"
            else:
                msg = f"did not finish: the run hit its time limit of {budget:g} s"
            results[dead] = {"status": "timeout", "message": msg}
        elif outcome.killed == "oom":
            results[dead] = {"status": "oom", "message": f"used more than the memory limit ({problem.limits['memory']:g} MiB)"}
        elif outcome.killed == "processes":
            results[dead] = {"status": "error", "message": f"started more than {problem.limits['processes']:g} processes"}
        elif outcome.protocol_error:
            results[dead] = {"status": "error", "message": "your code wrote on the judge's result channel"}
        elif not done_msg:
            results[dead] = {"status": "error", "message": _death_message(outcome.returncode, outcome.output, "during this case")}
        if cases[dead].tier == "core":
            for i, c in pending:
                results.setdefault(i, {"status": "skipped", "message": "not run: an earlier case stopped the run"})
            break
        pending = [(i, c) for i, c in pending if i not in results]
    return RawRun(load_status, load_message, load_output, entry, results, fd_output, time.monotonic() - t0, layers)


def _death_message(returncode: int | None, output: str, when: str) -> str:
    import signal

    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        text = {"SIGSEGV": "crashed with a segmentation fault", "SIGABRT": "aborted", "SIGKILL": "was killed",
                "SIGBUS": "crashed with a bus error", "SIGFPE": "crashed with a floating-point exception",
                "SIGXFSZ": "wrote a file larger than allowed"}.get(name, f"was stopped by {name}")
        msg = f"the process {text} {when}"
    elif returncode == 3:  # also what the child exits with when it can no longer report
        msg = (f"the process exited (code 3) {when}: did your code call os._exit(3), or close or redirect "
               "file descriptors the judge reads results from (os.close, os.dup2), or patch builtins?")
    else:
        msg = f"the process exited (code {returncode}) {when}: did your code call os._exit() or exit()?"
    tail = _fault_tail(output)
    return msg + (f"\n{tail}" if tail else "")


def _fault_tail(output: str) -> str:
    """The faulthandler dump, if any, trimmed to the candidate's frames."""
    if "Fatal Python error" not in output:
        return ""
    lines = [ln for ln in output.splitlines() if ln.startswith(("Fatal Python error", "  File"))]
    return "\n".join(lines[:12])


# -- grading ----------------------------------------------------------------------------------

class CheckContext:
    def __init__(self, problem: Problem, case: Case):
        self.problem, self.case = problem, case
        self.tol = case.tol or problem.tol_for(case.dtype)

    def compare(self, expected: Any, got: Any, tol: dict | None = None, check_dtype: bool = True) -> str | None:
        from mlkata.judge.compare import compare

        return compare(expected, got, tol or self.tol, check_dtype=check_dtype)


def grade_case(problem: Problem, case: Case, value: Any, hooks: Any) -> str | None:
    """None if `value` is right for `case`, else the reason."""
    ctx = CheckContext(problem, case)
    try:
        reason = getattr(hooks, case.check)(case, value, ctx) if case.check else ctx.compare(case.expected, value)
    except Exception as exc:  # odd outputs (a huge int, deep nesting) must not crash the judge
        reason = f"the output could not be checked: {type(exc).__name__}: {str(exc)[:300]}"
    if reason is not None and len(reason) > MESSAGE_CAP:  # a hook may repr() a huge output
        reason = reason[: MESSAGE_CAP - 40] + f"... ({len(reason)} characters)"
    return reason


def _hooks(problem: Problem) -> Any:
    return _load_module(problem.cases_path, f"_mlkata_hooks_{problem.id.replace('-', '_')}")


def grade(problem: Problem, cases: list[Case], raw: RawRun, strict: bool = False,
          signatures: dict[str, dict[int, dict]] | None = None) -> Result:
    from mlkata.judge.compare import summarize

    result = Result(problem=problem.id, status="pass", strict=strict, duration=raw.seconds, entry=raw.entry,
                    output=sanitize(raw.load_output) or "", sandbox=raw.layers)
    if raw.load_status != "ok":
        result.status = raw.load_status
        result.message = sanitize(raw.load_message)
        result.output = sanitize((raw.load_output or "") + (raw.fd_output if raw.load_status != "error" else "")) or ""
        return result
    hooks = _hooks(problem) if any(c.check for c in cases) else None
    values: dict[int, Any] = {}
    for i, case in enumerate(cases):
        r = raw.cases.get(i, {"status": "skipped", "message": "not run"})
        test = TestResult(name=case.name, tier=case.tier, status=r["status"], message=sanitize(r.get("message")),
                          output=sanitize(r.get("output", "")) or "", summary=case.summary or summarize(case.args),
                          why=case.why, seconds=r.get("seconds"))
        if r["status"] == "forbidden":
            test.message = "\n".join(f"line {line}: `{api}` is not allowed in this problem" for api, line in r.get("violations", []))
        if r["status"] == "ok":
            values[i] = r.get("value")
            reason = grade_case(problem, case, values[i], hooks)
            test.status, test.message = ("pass", None) if reason is None else ("fail", sanitize(reason))
        result.tests.append(test)

    counted = [t for t in result.tests if t.tier == "core" or strict]
    worst = max((t.status for t in counted), key=lambda s: SEVERITY.get(s, 1), default="pass")
    result.status = "pass" if worst == "pass" else worst
    if worst == "skipped":
        # a pass needs every case that counts to have run and been graded here
        result.status = "error"
        result.message = f"{sum(t.status == 'skipped' for t in counted)} case(s) that count were not run"
    failing = [i for i, t in enumerate(result.tests) if t.status not in ("pass", "skipped")]
    if failing and signatures is None and problem.mistakes and not _unwritten(result, failing):
        signatures = _with_progress(f"{problem.id}: running its {len(problem.mistakes)} known mistakes once, "
                                    "to diagnose yours (first failing check only)…", mistake_signatures, problem)
    if failing and signatures:
        _diagnose(problem, cases, result, values, raw, failing, signatures)
    if result.status == "fail" and result.diagnosis is None and failing:
        note = _what_differs(problem, cases, result, values)
        if note:
            result.notes.append(note)
    for t in result.tests:
        if t.tier == "edge" and t.status not in ("pass", "skipped") and not strict:
            note = f"edge case '{t.name}': {t.status}"
            if t.diagnosis:
                m = next(m for m in problem.mistakes if m.id == t.diagnosis)
                note += f" — looks like {m.title}"
            result.notes.append(note)
    if result.status != "pass":
        first = next((t for t in counted if t.status == result.status), None)
        if first and result.status in ("forbidden",):
            result.message = first.message
    return result


# -- diagnosis --------------------------------------------------------------------------------

PROGRESS_AFTER = 1.0  # seconds of silence before a progress line


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _with_progress(message: str, fn: Any, *args: Any) -> Any:
    """Call fn(*args); if it takes longer than PROGRESS_AFTER, say what is happening on stderr
    (stdout stays clean for --json). Only on a terminal: a script or the web server reading
    mlkata's output gets no progress chatter."""
    if not _stderr_is_terminal():
        return fn(*args)
    import shutil
    import textwrap

    # wrapped to the terminal, the lines it adds indented under the text (never cut mid-word by the terminal)
    width = shutil.get_terminal_size((80, 24)).columns
    text = textwrap.fill(message, width=max(20, width - 1), subsequent_indent="  ", break_on_hyphens=False)
    timer = threading.Timer(PROGRESS_AFTER, lambda: print(text, file=sys.stderr, flush=True))
    timer.daemon = True
    timer.start()
    try:
        return fn(*args)
    finally:
        timer.cancel()


def _as_array(value: Any) -> Any:
    import numpy as np

    from mlkata.judge.codec import TensorBox

    if isinstance(value, TensorBox):
        return value.array
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (float, np.floating)):
        return np.asarray(value, dtype=np.float64)
    return None


def shape_and_value_facts(expected: Any, got: Any) -> list[str]:
    """What relates a wrong array to the right one, in words: a missing or swapped axis, a
    constant factor or offset, a flipped sign, how many rows along the first axis are right."""
    import numpy as np

    e, g = _as_array(expected), _as_array(got)
    if e is None or g is None:
        return []
    facts: list[str] = []
    if e.shape != g.shape:
        facts.append(f"your output has shape {tuple(g.shape)}, the expected one {tuple(e.shape)}")
        if len(g.shape) == len(e.shape) - 1:
            for ax in range(e.ndim):
                if e.shape[:ax] + e.shape[ax + 1:] == g.shape:
                    facts.append(f"axis {ax} (size {e.shape[ax]}) is missing: a reduction without keepdims, or over the wrong axis?")
                    break
        elif sorted(g.shape) == sorted(e.shape):
            facts.append("the same sizes in another order: axes swapped (a transpose or a reshape in the wrong order?)")
        elif g.size == e.size:
            facts.append("the same number of elements: a reshape/view in the wrong order?")
        return facts
    if e.dtype.kind not in "fc" or g.dtype.kind not in "fciu" or e.size == 0:
        return facts
    ef, gf = e.astype(np.float64), g.astype(np.float64)
    with np.errstate(all="ignore"):
        ok = np.isfinite(ef) & np.isfinite(gf)
        if not ok.any():
            return facts
        if np.allclose(gf[ok], -ef[ok], rtol=1e-6, atol=1e-12) and np.abs(ef[ok]).max() > 0:
            facts.append("your values are the expected ones with the sign flipped")
            return facts
        nz = ok & (np.abs(ef) > 1e-12)
        if nz.sum() >= 2:
            ratio = gf[nz] / ef[nz]
            if np.allclose(ratio, ratio.flat[0], rtol=1e-6) and not np.isclose(ratio.flat[0], 1.0):
                facts.append(f"your values are the expected ones times {ratio.flat[0]:.6g} everywhere (a constant factor)")
                return facts
        diff = gf[ok] - ef[ok]
        if diff.size >= 2 and np.allclose(diff, diff.flat[0], rtol=0, atol=1e-9 * max(1.0, float(np.abs(ef[ok]).max()))) \
                and abs(diff.flat[0]) > 1e-12:
            facts.append(f"your values are the expected ones plus {diff.flat[0]:.6g} everywhere (a constant offset)")
            return facts
        if e.ndim >= 2 and e.shape[-1] == e.shape[-2] and np.allclose(np.swapaxes(gf, -1, -2), ef, rtol=1e-6, atol=1e-9):
            facts.append("your output is the expected one with its last two axes transposed")
            return facts
        if e.ndim >= 2 and e.shape[0] > 1:
            rows = [bool(np.allclose(gf[i], ef[i], rtol=1e-6, atol=1e-9, equal_nan=True)) for i in range(e.shape[0])]
            if 0 < sum(rows) < len(rows):
                facts.append(f"{sum(rows)} of {len(rows)} entries along the first axis are right, the others wrong")
    return facts


def _what_differs(problem: Problem, cases: list[Case], result: Result, values: dict[int, Any]) -> str | None:
    """No known mistake matches: say what differs on the first failing case that decides the
    verdict (its message already shows the worst element, expected vs got)."""
    for i, t in enumerate(result.tests):
        if t.status != "fail" or not (t.tier == "core" or result.strict):
            continue
        facts = shape_and_value_facts(cases[i].expected, values.get(i)) if not cases[i].check else []
        first = (t.message or "").strip().splitlines()
        text = f"no known mistake matches this one; what differs, on '{t.name}': "
        text += "; ".join(facts) if facts else (first[0][:300] if first else "the output")
        return text
    return None


def _unwritten(result: Result, failing: list[int]) -> bool:
    """Every failure is a NotImplementedError: the starter's (or a stub's). No known mistake
    raises it, so running the mistakes to diagnose it would cost seconds and name nothing."""
    return all(result.tests[i].status == "error"
               and (_exc_key(result.tests[i].message) or "").startswith("NotImplementedError") for i in failing)


def _exc_key(message: str | None) -> str | None:
    """The exception's last line with its numbers blanked: the same mistake raises the same
    message on other shapes, while a bare type (RuntimeError) says little about the cause."""
    if not message or not message.strip():
        return None
    return re.sub(r"0x[0-9a-fA-F]+|\d+", "#", message.strip().splitlines()[-1])


def _yes_no(value: Any) -> bool:
    """A bare boolean output: a wrong one is the only wrong answer there is, so matching it says
    little about *which* mistake gave it."""
    import numpy as np

    return isinstance(value, (bool, np.bool_))


def _all_non_finite(value: Any) -> bool:
    """True when `value` holds numbers and none of them is finite (NaN / inf only): such an
    output says nothing about *which* mistake made it, so it never names one by itself."""
    import numpy as np

    from mlkata.judge.codec import TensorBox

    if isinstance(value, TensorBox):
        value = value.array
    if isinstance(value, (list, tuple)) and value:
        parts = [v for v in value if isinstance(v, (float, np.floating, np.ndarray, TensorBox, list, tuple))]
        return bool(parts) and len(parts) == len(value) and all(_all_non_finite(v) for v in parts)
    if isinstance(value, dict) and value:
        return all(_all_non_finite(v) for v in value.values())
    try:
        arr = np.asarray(value)
    except Exception:
        return False
    if arr.dtype.kind not in "fc" or arr.size == 0:
        return False
    return not np.isfinite(arr).any()


def _contradictions(problem: Problem, cases: list[Case], result: Result, sig: dict[int, dict], hooks: Any) -> int:
    """How many cases the submission passes that the mistake fails: evidence that whatever the
    submission does wrong, it is not (only) that mistake. (Two mistakes at once still match
    each: each fails a subset of the submission's failing cases.)"""
    # a problem of several parts (functions) tags its cases with data["part"]: a mistake made in
    # one part is contradicted only by the cases of the parts the submission gets wrong
    parts = {cases[i].data.get("part") for i, t in enumerate(result.tests) if t.status not in ("pass", "skipped")}
    n = 0
    for i, test in enumerate(result.tests):
        s = sig.get(i)
        if test.status != "pass" or not s or cases[i].data.get("part") not in parts:
            continue
        if s.get("status") != "ok" or _mistake_fails(problem, cases[i], s, hooks):
            n += 1
    return n


def _diagnose(problem: Problem, cases: list[Case], result: Result, values: dict[int, Any], raw: RawRun,
              failing: list[int], signatures: dict[str, dict[int, dict]]) -> None:
    from mlkata.judge import sample
    from mlkata.judge.compare import closeness

    hooks = _hooks(problem) if any(c.check for c in cases) else None
    scores: dict[str, int] = {}
    distance: dict[str, float] = {}  # summed closeness of the matched outputs: breaks ties
    matches: dict[int, list[str]] = {}
    against: dict[str, int] = {}  # cases the submission passes and the mistake fails
    weak: dict[str, int] = {}     # matches on an output that is NaN/inf only
    for i in failing:
        test, case = result.tests[i], cases[i]
        ctx = CheckContext(problem, case)
        for mistake in problem.mistakes:
            sig = signatures.get(mistake.id, {}).get(i)
            if not sig:
                continue
            hit = False
            if test.status == "fail" and sig.get("status") == "ok":
                pair = sample.align(sig.get("value"), values.get(i))  # a sampled output: the same positions
                if (pair is not None and _mistake_fails(problem, case, sig, hooks)
                        and ctx.compare(pair[0], pair[1], check_dtype=True) is None):
                    hit = True
                    distance[mistake.id] = distance.get(mistake.id, 0.0) + closeness(pair[0], pair[1], ctx.tol)
            elif test.status in ("error", "oom", "timeout") and sig.get("status") == test.status:
                hit = test.status != "error" or _exc_key(sig.get("message")) == _exc_key(test.message)
            if hit:
                if test.status == "fail" and (_all_non_finite(values.get(i)) or _yes_no(values.get(i))):
                    weak[mistake.id] = weak.get(mistake.id, 0) + 1  # NaN for NaN, True for True: weak evidence
                else:
                    scores[mistake.id] = scores.get(mistake.id, 0) + 1
                matches.setdefault(i, []).append(mistake.id)
    # a mistake is named only when the cases it explains outnumber the cases that contradict it
    # (a problem of several functions can show one mistake in one of them only; one match
    # against one contradiction is a coincidence as often as a diagnosis); an output that is
    # NaN/inf only, or a yes/no answer (the same NaN, the same wrong True, that many unrelated
    # mistakes produce), counts only when the submission gets some case right and no case it
    # gets right contradicts the mistake
    passed_some = any(t.status == "pass" for t in result.tests)
    for mid in set(scores) | set(weak):
        against[mid] = _contradictions(problem, cases, result, signatures.get(mid, {}), hooks)
        score = scores.get(mid, 0) + (weak.get(mid, 0) if against[mid] == 0 and passed_some else 0)
        if score == 0 or against[mid] >= score:
            scores.pop(mid, None)
        else:
            scores[mid] = score
    for i in list(matches):
        matches[i] = [mid for mid in matches[i] if mid in scores]
        if not matches[i]:
            del matches[i]
    if not scores:
        return
    # the mistake that explains the most failing cases wins; among equals, the one whose outputs
    # are closest to the submission's (statistical outputs match several mistakes within a loose
    # tolerance), then the earlier declared one
    order = {m.id: k for k, m in enumerate(problem.mistakes)}
    rank = lambda mid: (scores[mid] - against[mid], scores[mid], -round(distance.get(mid, 0.0), 6), -order[mid])  # noqa: E731
    for i, mids in matches.items():
        result.tests[i].diagnosis = max(mids, key=rank)
    # the verdict's diagnosis: the best one among the failures that decide the status
    deciding = [i for i in matches if result.tests[i].tier == "core" or result.strict]
    if not deciding and any(result.tests[i].tier == "core" for i in failing):
        # core cases fail and no known mistake explains them: a match on a hardening case alone
        # (often just "both give NaN") would name the wrong mistake; the per-case notes keep it
        return
    deciding = deciding or list(matches)
    best = max({mid for i in deciding for mid in matches[i]}, key=rank)
    m = next(m for m in problem.mistakes if m.id == best)
    # a core diagnosis is only reported as the verdict's if it explains a core failure
    result.diagnosis = Diagnosis(m.id, m.title, m.explain, m.section, m.tier)


def signature_of(raw: RawRun, problem: Problem | None = None, cases: list[Case] | None = None) -> dict[int, dict]:
    """What a known mistake did on each case. With the problem and its cases, each output is
    also graded here, on the whole output (`fails`), and a big one kept as a sample
    (mlkata.judge.sample): the form that is cached and shipped."""
    if raw.load_status != "ok":
        return {}
    sig = {i: {"status": r.get("status"), "value": r.get("value"), "message": r.get("message")}
           for i, r in raw.cases.items()}
    if problem is not None and cases is not None:
        from mlkata.judge import sample

        hooks = _hooks(problem) if any(c.check for c in cases) else None
        for i, s in sig.items():
            if s["status"] == "ok" and i < len(cases):
                s["fails"] = grade_case(problem, cases[i], s["value"], hooks) is not None
                s["value"] = sample.shrink(s["value"], cases[i].expected)
    return sig


def _mistake_fails(problem: Problem, case: Case, sig: dict, hooks: Any) -> bool:
    if "fails" in sig:
        return bool(sig["fails"])
    return grade_case(problem, case, sig.get("value"), hooks) is not None


def mistake_signatures(problem: Problem, parallel: int = 2) -> dict[str, dict[int, dict]]:
    """What each known mistake outputs on each case (cached; computed in sandboxes)."""
    from concurrent.futures import ThreadPoolExecutor

    caseset = load_cases(problem)
    cases = caseset.cases
    path = paths.cache() / "signatures" / f"{problem.id}-{caseset.key}.pkl"
    if path.is_file():
        sigs = _read_sealed(path)
        if isinstance(sigs, dict):
            return sigs
    record = shipped.read(problem, "signatures")
    if record is not None and isinstance(record.get("signatures"), dict) \
            and record.get("digest") == shipped.cases_digest(cases):  # computed on these very inputs
        store_signatures(problem, caseset.key, record["signatures"])
        return record["signatures"]

    def one(mistake: Any) -> tuple[str, dict[int, dict]]:
        source = mistake.path.read_text(encoding="utf-8")
        return mistake.id, signature_of(execute(problem, source, str(mistake.path), cases), problem, cases)

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        sigs = dict(pool.map(one, problem.mistakes))
    store_signatures(problem, caseset.key, sigs)
    return sigs


def store_signatures(problem: Problem, key: str, sigs: dict[str, dict[int, dict]]) -> None:
    _write_sealed(paths.cache() / "signatures" / f"{problem.id}-{key}.pkl", sigs)


# -- the entry point --------------------------------------------------------------------------

MAX_SOURCE = 1024 * 1024  # bytes: interview solutions are a few KB; a larger file is refused unread


def judge(problem: Problem, source: str, filename: str, strict: bool = False) -> Result:
    """Judge `source` (the text of the candidate's file `filename`) on `problem`. The file is
    parsed, checked for forbidden APIs and run only inside the sandbox."""
    t0 = time.monotonic()
    source = source.removeprefix("\ufeff")  # a UTF-8 byte-order mark (Windows editors): Python accepts it
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE:
        return Result(problem=problem.id, status="error", strict=strict, duration=time.monotonic() - t0,
                      message=f"your file is {size / 1024 / 1024:.1f} MB; the judge reads files of up to "
                              f"{MAX_SOURCE // 1024 // 1024} MB (is it the right file?)")
    # a first check of a problem whose cases are not shipped runs the submission while the
    # judge computes the heavy expected values (Deferred), instead of after
    # (interrupted, the oracle thread finishes on its own: it stores the cases and unlocks)
    caseset = cases_or_error(problem, defer=True)
    raw = execute(problem, source, filename, caseset.cases)
    complete_or_error(problem, caseset)
    result = grade(problem, caseset.cases, raw, strict=strict)
    result.duration = time.monotonic() - t0
    return result
