"""Cases and mistake signatures shipped with mlkata, so a first check does not build them.

Building a problem's cases imports PyTorch in the judge (about a second) and runs the
oracles; diagnosing a first failure runs every known mistake in its own sandbox (seconds).
Both depend only on the problem's files, so `mlkata dev check --ship` stores them in the
problem's ``.meta/shipped/``, and a check uses them when they were built from the same files:

* ``cases.pkl.gz`` — the oracle cases exactly as the generator made them (a problem whose
  cases weigh more than ``MAX_CASES_BYTES`` ships none: its generator runs on first use);
* ``signatures.pkl.gz`` — each known mistake's graded, sampled outputs (mlkata.judge.sample),
  with a digest of the case inputs they were computed on: they are used only for cases
  whose inputs are byte for byte those ones.

Each file starts with a header: the format, a hash of every file that decides its content
(``content_hash``) and the versions it was built with. A file that does not match is ignored
(never trusted half): the check builds what it needs, as before. The files are package data,
trusted like the generators and references beside them, and read with the same allow-list
unpickler as mlkata's own cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import Any

from mlkata.bank import Problem

FORMAT = 1
FOLDER = "shipped"
MAX_CASES_BYTES = 2 * 1024 * 1024   # a problem with heavier cases (N = 100k inputs) generates them
_HERE = Path(__file__).parent


def _inputs(problem: Problem) -> list[Path]:
    """The problem's files that decide its cases and signatures (not what is derived from them)."""
    return [p for p in problem.content_files() if p.name != "timings.json"]


def content_hash(problem: Problem) -> str:
    h = hashlib.sha256(f"shipped v{FORMAT}|{problem.id}".encode())
    for path in _inputs(problem):
        h.update(str(path.relative_to(problem.dir)).encode() + b"\0" + path.read_bytes())
    for name in ("spec.py", "codec.py", "sample.py"):  # the formats of what is stored
        h.update(_HERE.joinpath(name).read_bytes())
    return h.hexdigest()[:32]


def _walk_digest(h: Any, obj: Any) -> None:
    import numpy as np

    from mlkata.judge.codec import TensorBox

    if isinstance(obj, TensorBox):
        h.update(f"T{obj.dtype}|{obj.requires_grad}".encode())
        _walk_digest(h, obj.array)
    elif isinstance(obj, np.ndarray):
        h.update(f"A{obj.dtype.str}{obj.shape}".encode())
        h.update(np.ascontiguousarray(obj).tobytes())
    elif isinstance(obj, (list, tuple)):
        h.update(f"L{type(obj).__name__}{len(obj)}".encode())
        for o in obj:
            _walk_digest(h, o)
    elif isinstance(obj, dict):
        h.update(f"D{len(obj)}".encode())
        for k in sorted(obj, key=repr):
            h.update(repr(k).encode())
            _walk_digest(h, obj[k])
    else:
        h.update(f"S{type(obj).__name__}{obj!r}".encode())


def cases_digest(cases: list) -> str:
    """A digest of what the runs see (names, inputs, upstream gradients), in case order."""
    h = hashlib.sha256()
    for c in cases:
        h.update(c.name.encode() + b"\0")
        _walk_digest(h, (c.args, c.kwargs, getattr(c, "upstream", None), c.run, tuple(c.requires_grad)))
    return h.hexdigest()


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for dist in ("numpy", "torch"):
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return found


def _compatible(built: dict, here: dict) -> bool:
    """Oracle values agree to the last bits across patch releases; a different torch (pinned
    by mlkata) or NumPy major version rebuilds rather than trust them."""
    if built.get("torch") != here.get("torch"):
        return False
    return str(built.get("numpy", "")).split(".")[0] == str(here.get("numpy", "")).split(".")[0]


def _path(problem: Problem, what: str) -> Path:
    return problem.meta / FOLDER / f"{what}.pkl.gz"


def _header_ok(header: Any, problem: Problem, versions: bool) -> bool:
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("hash") != content_hash(problem):
        return False
    return not versions or _compatible(header.get("versions", {}), _versions())


def available(problem: Problem, what: str, versions: bool = True) -> bool:
    """Whether `read` would find `what`: reads the file's header line only (no NumPy, no unpickling)."""
    if os.environ.get("MLKATA_NO_SHIPPED"):
        return False
    try:
        with gzip.open(_path(problem, what), "rb") as f:
            return _header_ok(json.loads(f.readline(4096)), problem, versions)
    except (OSError, EOFError, ValueError):
        return False


def read(problem: Problem, what: str, versions: bool = True) -> dict | None:
    """The shipped `what` ("cases" or "signatures") of `problem` — its header's fields plus
    `what` itself — or None when there is none that matches its files and (with `versions`)
    this installation's libraries."""
    from mlkata.judge.codec import safe_loads

    if os.environ.get("MLKATA_NO_SHIPPED"):  # benchmarks and tests: behave as if nothing was shipped
        return None
    try:
        head, _, payload = gzip.decompress(_path(problem, what).read_bytes()).partition(b"\n")
        header = json.loads(head)
        if not _header_ok(header, problem, versions):
            return None
        return {**header, what: safe_loads(payload, cases=True)}
    except (OSError, EOFError, ValueError, pickle.UnpicklingError, AttributeError, ModuleNotFoundError, TypeError):
        return None  # gzip.BadGzipFile and json's errors are OSError / ValueError


def write(problem: Problem, cases: list, signatures: dict) -> list[Path]:
    """Ship `problem`'s cases (when light enough) and mistake signatures; remove stale ones.
    A file is one JSON header line (format, hash, versions, digest) and a pickle, gzipped."""
    folder = problem.meta / FOLDER
    folder.mkdir(exist_ok=True)
    header = {"format": FORMAT, "hash": content_hash(problem), "versions": _versions()}
    written = []
    payload = pickle.dumps(cases, protocol=4)
    items = [("signatures", {**header, "digest": cases_digest(cases)}, pickle.dumps(signatures, protocol=4))]
    if len(payload) <= MAX_CASES_BYTES:
        items.append(("cases", header, payload))
    else:
        _path(problem, "cases").unlink(missing_ok=True)
    for what, head, body in items:
        path = _path(problem, what)
        tmp = path.with_suffix(".tmp")
        data = json.dumps(head, sort_keys=True).encode() + b"\n" + body
        # mtime=0: the same content gives the same bytes (no churn in the repository)
        tmp.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        tmp.replace(path)
        written.append(path)
    return written


def stale(problem: Problem, cases: list) -> str | None:
    """Why `problem`'s shipped data would not be used for these `cases` (None when it would)."""
    sigs = read(problem, "signatures", versions=False)
    if sigs is None:
        return "nothing shipped for the problem's current files"
    if sigs.get("digest") != cases_digest(cases):
        return "the shipped signatures were computed on other case inputs"
    if not available(problem, "cases", versions=False) and len(pickle.dumps(cases, protocol=4)) <= MAX_CASES_BYTES:
        return "its cases are light enough to ship, and are not shipped"
    return None
