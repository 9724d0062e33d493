"""The sandbox child: runs one submission on a list of cases and reports each result.

Started by :mod:`mlkata.judge.sandbox` as ``python -I -m mlkata.judge.child``. It reads a
job (trusted: written by the judge) from stdin, imports the framework, lowers its own
limits, installs the forbidden-API guards, executes the candidate's file as a fresh module
and calls the entry point once per case. Every message goes to a dedicated pipe, so
whatever the submission prints cannot be mistaken for a result.
"""

from __future__ import annotations

import copy
import importlib.util
import io
import os
import pickle
import resource
import sys
import time
import traceback
import types
from typing import Any

from mlkata.judge.codec import ModuleBox, decode, encode, write_message

OUTPUT_CAP = 4000  # characters of the candidate's prints kept per case


class CappedWriter(io.TextIOBase):
    """A stdout replacement that keeps the first OUTPUT_CAP characters and counts the rest."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        s = _clean(str(s))
        room = OUTPUT_CAP - self.kept
        if room > 0:
            self.parts.append(s[:room])
            self.kept += min(room, len(s))
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def text(self) -> str:
        out = "".join(self.parts)
        if self.dropped:
            out += f"\n... ({self.dropped} more characters not shown)"
        return out


def _clean(text: str) -> str:
    """Text that encodes as UTF-8: lone surrogates (``print('\\udcff')``) become '?', so the
    JSON result and the database never hold invalid text."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _apply_limits(job: dict) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    fsize = 64 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    # memory: what the submission may allocate on top of the framework already imported
    mem = int(job["limits"]["memory"] * 1024 * 1024)
    cap = _vm_size_bytes() + mem + 256 * 1024 * 1024  # slack for thread stacks and arenas
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    nproc = int(job["limits"]["processes"])
    if os.geteuid() != 0:  # root ignores RLIMIT_NPROC; the judge's cgroup caps it there
        try:
            threads_now = len(os.listdir("/proc/self/task"))
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc + threads_now + 64, nproc + threads_now + 64))
        except (ValueError, OSError):
            pass


def _confine(job: dict, seccomp_filter: Any = None) -> dict[str, Any]:
    """The kernel-enforced layers (mlkata.judge.isolation): seccomp, then Landlock. Returns
    what is in force, reported to the judge before any line of the submission runs."""
    from mlkata.judge import isolation, landlock

    workdir = os.getcwd()
    skip = set(job.get("simulate_missing", []))  # tests: a kernel without this layer
    seccomp = False
    if "seccomp" not in skip:
        if seccomp_filter is None:
            seccomp_filter = isolation.seccomp_filter()
        seccomp = isolation.load_seccomp(seccomp_filter)
    abi = 0
    if "landlock" not in skip:
        extra = [workdir, f"/proc/{os.getpid()}"] + [p for p in job.get("readable", []) if p]
        abi = landlock.restrict(isolation.writable_paths(workdir), isolation.readable_paths(extra))
    return {"seccomp": seccomp, "landlock": abi}


def _set_parent_death_signal(parent: int | None) -> None:
    """Die with the process that started us (the judge, or the warm worker)."""
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before the line above
        os._exit(3)


def _grow_stack_limit(size: int) -> None:
    """Let the main thread's stack grow to `size` bytes (Linux grows it on demand up to the
    soft RLIMIT_STACK). Pure-Python recursion does not use the C stack in 3.11, but recursion
    through C functions does (``@lru_cache``, ``@cache``): at the default 8 MiB such a
    recursion segfaults near depth 20 000, far below a raised recursion limit."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        if soft != resource.RLIM_INFINITY and soft < size:
            resource.setrlimit(resource.RLIMIT_STACK, (size if hard == resource.RLIM_INFINITY else min(size, hard), hard))
    except (ValueError, OSError):
        pass


def _trim_traceback(exc: BaseException, filename: str) -> str:
    """The candidate's traceback, keeping only frames from their own file."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    lines = []
    if frames:
        lines.append("Traceback (your code):\n")
        lines.extend(traceback.format_list(frames))
    try:
        lines.extend(traceback.format_exception_only(type(exc), exc))
    except Exception:  # an exception whose __str__ raises
        lines.append(f"{type(exc).__name__}: (its message could not be shown: its __str__ raised)\n")
    text = _clean("".join(lines))
    return text if len(text) < 6000 else text[:3000] + "\n...\n" + text[-2500:]


def _classify(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "oom"
    try:
        text = str(exc)
    except Exception:  # an exception whose __str__ raises
        return "error"
    if isinstance(exc, RuntimeError) and ("can't allocate memory" in text or "DefaultCPUAllocator" in text):
        return "oom"
    return "error"


def _resolve_entry(module: types.ModuleType, names: list[str]) -> tuple[Any, str] | None:
    # the file's own definitions first: `from heapq import *` brings in heapq's `merge`, which
    # must not hide a LeetCode `Solution.merge`; then any callable with an entry name.
    # Among the file's own, a LeetCode class wins over a plain function of the same name:
    # a top-level `def merge(a, b)` helper next to `class Solution: def merge(...)` is a helper.
    for own_only in (True, False):
        ordered = sorted(names, key=lambda n: "." not in n) if own_only else names
        for name in ordered:
            if "." in name:
                cls_name, method = name.split(".", 1)
                cls = getattr(module, cls_name, None)
                if own_only and getattr(cls, "__module__", None) != module.__name__:
                    continue
                if isinstance(cls, type) and hasattr(cls, method):
                    # LeetCode style: a fresh instance per call
                    def call(*args: Any, __cls: type = cls, __m: str = method, **kwargs: Any) -> Any:
                        return getattr(__cls(), __m)(*args, **kwargs)

                    return call, name
                continue
            obj = getattr(module, name, None)
            if obj is not None and callable(obj) and (not own_only or getattr(obj, "__module__", None) == module.__name__):
                return obj, name
    return None


def main() -> None:
    """Cold start: ``python -I -m mlkata.judge.child`` reads its job from stdin."""
    run(pickle.loads(sys.stdin.buffer.read()))


def run(job: dict, seccomp_filter: Any = None) -> None:
    """One job, in a process of its own: a cold child, or the forked child of a warm worker
    (:mod:`mlkata.judge.warm`). Modules already imported make the preimport step a no-op."""
    _set_parent_death_signal(job.get("parent"))
    out_fd = job["result_fd"]
    nonce = job.get("nonce")

    def send(msg: dict) -> None:
        msg["n"] = nonce  # the judge drops the run on a message without this run's nonce
        write_message(out_fd, msg)

    filename = job["filename"]

    # the framework first, so its memory is not counted against the submission
    for name in job.get("preimport", []):
        try:
            importlib.import_module(name)
        except Exception:
            pass
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        torch.manual_seed(0)
    hooks = None
    if job.get("cases_path") and any(c.get("run") for c in job["cases"]):
        spec = importlib.util.spec_from_file_location("_mlkata_cases", job["cases_path"])
        hooks = importlib.util.module_from_spec(spec)
        sys.modules["_mlkata_cases"] = hooks  # a real module: the forbidden-API guards trust its calls
        spec.loader.exec_module(hooks)
    # preludes: names a platform provides without imports (e.g. LeetCode's List, TreeNode)
    prelude_globals: dict[str, Any] = {}
    if job.get("prelude"):
        prelude = importlib.import_module(f"mlkata.judge.preludes.{job['prelude']}")
        prelude_globals = prelude.globals_for_submission()
    if job.get("recursion_limit"):
        sys.setrecursionlimit(int(job["recursion_limit"]))
        _grow_stack_limit(512 * 1024 * 1024)

    try:
        import faulthandler

        faulthandler.enable(file=sys.__stderr__, all_threads=False)
    except Exception:
        pass

    from mlkata.judge.forbidden import install_guards, scan_tree

    source = job["source"]
    # tracebacks show the candidate's lines without reading their file (it is out of reach)
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)

    _apply_limits(job)
    layers = _confine(job, seccomp_filter)
    send({"kind": "sandbox", "layers": layers})

    # -- parse here, under the limits: a hostile file costs the sandbox, not the judge ---------
    import ast

    try:
        tree = ast.parse(source, filename)
    except SyntaxError as exc:
        send({"kind": "load", "status": "error", "message": "".join(traceback.format_exception_only(type(exc), exc)),
              "output": ""})
        return
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
        send({"kind": "load", "status": "error", "output": "",
              "message": f"your file could not be compiled ({type(exc).__name__}): it is nested too deeply "
                         "or is too large for Python's parser"})
        return
    static, roots = scan_tree(tree, job.get("forbidden", []))
    if static:
        send({"kind": "load", "status": "forbidden", "static": True, "output": "",
              "violations": [(v.api, v.line) for v in static]})
        return

    violations: list = []
    install_guards(job.get("forbidden", []), filename, violations.append, roots)

    # -- load the submission as a fresh module ----------------------------------------------
    module = types.ModuleType("solution")
    module.__file__ = filename
    module.__dict__.update(prelude_globals)
    sys.modules["solution"] = module
    sys.path.insert(0, os.path.dirname(filename))
    capture = CappedWriter()
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = capture
    try:
        code = compile(tree, filename, "exec")
        del tree
        exec(code, module.__dict__)
    except SyntaxError as exc:
        sys.stdout, sys.stderr = real_stdout, real_stderr
        send({"kind": "load", "status": "error", "message": "".join(traceback.format_exception_only(type(exc), exc)),
              "output": capture.text()})
        return
    except SystemExit as exc:
        sys.stdout, sys.stderr = real_stdout, real_stderr
        send({"kind": "load", "status": "error", "message": f"your file called sys.exit({exc.code!r}) while being imported",
              "output": capture.text()})
        return
    except BaseException as exc:  # noqa: BLE001 - anything the submission raises is a verdict
        sys.stdout, sys.stderr = real_stdout, real_stderr
        status = "forbidden" if violations else _classify(exc)
        send({"kind": "load", "status": status, "message": _trim_traceback(exc, filename),
              "violations": [(v.api, v.line) for v in violations], "output": capture.text()})
        return
    sys.stdout, sys.stderr = real_stdout, real_stderr

    entry = _resolve_entry(module, job["entry_names"])
    if entry is None:
        defined = sorted(k for k, v in module.__dict__.items()
                         if not k.startswith("_") and k not in prelude_globals and callable(v)
                         and getattr(v, "__module__", None) == "solution")
        send({"kind": "load", "status": "error",
              "message": f"no `{job['entry_names'][0]}` found in your file"
                         + (f" (it defines: {', '.join(defined)})" if defined else ""),
              "output": capture.text()})
        return
    fn, entry_name = entry
    send({"kind": "load", "status": "ok", "entry": entry_name, "output": capture.text()})

    stop_reason = None
    for case in job["cases"]:
        if stop_reason:
            send({"kind": "case", "index": case["index"], "status": "skipped", "message": stop_reason, "output": ""})
            continue
        send({"kind": "start", "index": case["index"]})
        capture = CappedWriter()
        sys.stdout = sys.stderr = capture
        before = len(violations)
        t0 = time.perf_counter()
        msg: dict[str, Any] = {"kind": "case", "index": case["index"]}
        try:
            args = decode(copy.deepcopy(case["args"]))
            kwargs = decode(copy.deepcopy(case["kwargs"]))
            if case.get("run"):
                result = getattr(hooks, case["run"])(fn, types.SimpleNamespace(**{**case, "args": args, "kwargs": kwargs}))
            elif case.get("requires_grad"):
                result = _run_with_grad(fn, args, kwargs, case)
            else:
                result = fn(*args, **kwargs)
            elapsed = time.perf_counter() - t0
            sys.stdout, sys.stderr = real_stdout, real_stderr
            msg.update(status="ok", value=_plain(result), seconds=elapsed)
        except BaseException as exc:  # noqa: BLE001
            elapsed = time.perf_counter() - t0
            sys.stdout, sys.stderr = real_stdout, real_stderr
            if isinstance(exc, SystemExit):
                msg.update(status="error", message=f"your code called sys.exit({exc.code!r})")
            elif isinstance(exc, RecursionError):
                msg.update(status="error", message=_trim_traceback(exc, filename).splitlines()[-1]
                           + "\n(recursion too deep: is there a base case that is never reached?)")
            else:
                msg.update(status=_classify(exc), message=_trim_traceback(exc, filename))
                if isinstance(exc, PermissionError):
                    msg["message"] += "(the judge lets your code write files only in its working directory)\n"
            msg["seconds"] = elapsed
        if len(violations) > before:
            msg["status"] = "forbidden"
            msg["violations"] = [(v.api, v.line) for v in violations[before:]]
        msg["output"] = capture.text()
        if msg["status"] == "oom":
            # the heap is near its cap: later cases would only fail the same way, slowly
            stop_reason = "not run: an earlier case ran out of memory"
        try:
            send(msg)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
            send({"kind": "case", "index": case["index"], "status": "error", "seconds": elapsed,
                  "message": f"your function returned something that cannot be checked ({type(exc).__name__})",
                  "output": capture.text()})
    send({"kind": "done"})


def _run_with_grad(fn: Any, args: tuple, kwargs: dict, case: dict) -> Any:
    """Call, then back-propagate `upstream` (or ones) and return (output, [grads])."""
    import torch

    for i in case["requires_grad"]:
        args[i].requires_grad_(True)
    out = fn(*args, **kwargs)
    if not isinstance(out, torch.Tensor):
        # the expected value is (output, gradients): a bare number or array could only fail as
        # "expected a tuple of 2", which tells the candidate nothing
        raise TypeError(f"your function returned {type(out).__name__}, not a torch.Tensor: this problem "
                        "back-propagates through your result, so return a tensor that is still part of "
                        "the autograd graph (.item(), float() and .numpy() cut it)")
    upstream = decode(case["upstream"]) if case.get("upstream") is not None else torch.ones_like(out)
    if not out.requires_grad:
        # otherwise every gradient reads "expected torch.Tensor, got NoneType"
        raise TypeError("your output is not connected to the inputs through autograd (it does not "
                        "require grad), so no gradient reaches them: this problem back-propagates "
                        "through your result. Rebuilding it with torch.tensor(...), .tolist(), "
                        ".item(), .numpy(), .detach() or under torch.no_grad() cuts the graph")
    out.backward(upstream.to(out.dtype) if upstream.shape == out.shape else torch.ones_like(out))
    grads = [args[i].grad for i in case["requires_grad"]]
    return (out, grads)


def _plain(value: Any, depth: int = 0) -> Any:
    """Encode a result into plain data the judge can unpickle safely."""
    import numbers

    if depth > 20:
        return ModuleBox("a structure nested too deeply")
    value = encode(value) if "torch" in sys.modules else value
    np = sys.modules.get("numpy")
    if value is None or type(value) in (bool, int, float, complex, str, bytes):
        return value
    # subclasses (an IntEnum, a float subclass, np.matrix, a masked array, a memmap) travel as
    # their base type: the judge only unpickles plain types
    for base in (bool, int, float, complex, str, bytes):
        if isinstance(value, base):
            return base(value)
    if np is not None and isinstance(value, (np.ndarray, np.generic)):
        if isinstance(value, np.ndarray) and value.dtype == object:
            return ModuleBox("a numpy array of Python objects")
        if isinstance(value, np.ndarray) and type(value) is not np.ndarray:
            value = np.array(value.filled() if isinstance(value, np.ma.MaskedArray) else value, subok=False)
        return value
    from mlkata.judge.codec import TensorBox

    if isinstance(value, TensorBox):
        return value
    if isinstance(value, tuple):
        return tuple(_plain(v, depth + 1) for v in value)
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {(_plain(k, depth + 1) if not isinstance(k, str) else k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return type(value)(_plain(v, depth + 1) for v in value)
    if isinstance(value, numbers.Number):
        return complex(value) if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real) else float(value)
    return ModuleBox(f"{type(value).__module__}.{type(value).__qualname__}")


def run_and_exit(job: dict | None = None, seccomp_filter: Any = None) -> None:
    """Run a job (or read it from stdin) and leave without running any clean-up code."""
    try:
        run(job, seccomp_filter) if job is not None else main()
    except BaseException:  # pragma: no cover - last resort, the judge reports a crash
        os._exit(3)
    try:
        sys.stdout.flush()
    except BaseException:  # pragma: no cover - as an uncaught error would: exit code 1
        os._exit(1)
    os._exit(0)


if __name__ == "__main__":
    run_and_exit()
