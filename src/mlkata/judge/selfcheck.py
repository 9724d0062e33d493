"""The bank self-check: proves the catalogue honest.

For every problem: metadata loads; the reference passes every case (edge tier included);
every alternative (another correct style) passes the core tier; the starter fails; every
known mistake fails with its *own* diagnosis — in the core tier, or in the edge tier for a
mistake declared as a hardening one; every variant of the diagnosis corpus (wrong submissions
written apart from the planted mistakes) fails and is never given a wrong name; every case, timing inputs included, satisfies the
statement's constraints when ``cases.py`` declares them (see :func:`check_constraints`).
Runs are independent sandboxes executed in parallel.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy  # noqa: F401 - imported before the threads: the judge's comparisons and most case
# generators import it, and two threads importing NumPy at once can see it half initialised

from mlkata.bank import Bank, Problem
from mlkata.judge import core


@dataclass
class Finding:
    problem: str
    subject: str      # "reference", "starter", "mistake no-max-shift", "alternative x.py", "cases", "corpus x.py"
    ok: bool
    detail: str = ""
    seconds: float = 0.0
    # a corpus variant: "named" right, "unnamed" (a name was expected), "wrong" (another name),
    # "silent" (no name expected, none given), "spurious" (no name expected, one given)
    corpus: str | None = None


def corpus_expectation(problem: Problem, path: Path) -> set[str]:
    """The mistakes a corpus variant's first line (`# expect: id`, `a|b`, `none`) allows the
    judge to name; ValueError naming the file and what is wrong with the line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0] if lines else ""
    if not head.startswith("# expect:") or not head.split(":", 1)[1].split():
        raise ValueError(f"{path}: the first line must be `# expect: <mistake id>` (or `a|b`, or `none`)")
    want = head.split(":", 1)[1].split()[0]
    if want == "none":
        return set()
    ids = set(want.split("|"))
    unknown = ids - {m.id for m in problem.mistakes}
    if unknown:
        raise ValueError(f"{path}: expect names {', '.join(sorted(unknown))}, not a mistake of {problem.id}")
    return ids


def named_by(result) -> str | None:
    """The mistake a verdict names: its own diagnosis, or for a core pass the edge note's."""
    if result.diagnosis:
        return result.diagnosis.id
    if result.status == "pass":
        return next((t.diagnosis for t in result.tests if t.diagnosis), None)
    return None


def corpus_finding(problem: Problem, path: Path, result, secs: float) -> Finding:
    subject = f"corpus {path.name}"
    try:
        expect = corpus_expectation(problem, path)
    except ValueError as exc:
        return Finding(problem.id, subject, False, str(exc), secs)
    if result.status == "pass" and not any(t.status not in ("pass", "skipped") for t in result.tests):
        return Finding(problem.id, subject, False, "passes every case: it is not a wrong submission", secs)
    got = named_by(result)
    if got is None:
        kind = "unnamed" if expect else "silent"
        detail = f"not named (expected {' or '.join(sorted(expect))})" if expect else "no mistake named, as expected"
        return Finding(problem.id, subject, True, f"{result.status}, {detail}", secs, kind)
    if got in expect:
        return Finding(problem.id, subject, True, f"{result.status}, named {got}", secs, "named")
    return Finding(problem.id, subject, False, f"{result.status}, named {got} but it is "
                   f"{' or '.join(sorted(expect)) or 'no catalogued mistake'}: a wrong diagnosis", secs,
                   "wrong" if expect else "spurious")


def corpus_figures(findings: list[Finding]) -> tuple[int, int, float, int]:
    """(variants, variants of a catalogued mistake, % of those named right, wrongly named)."""
    kinds = [f.corpus for f in findings if f.corpus]
    expecting = sum(k in ("named", "unnamed", "wrong") for k in kinds)
    pct = 100.0 * kinds.count("named") / expecting if expecting else 100.0
    return len(kinds), expecting, pct, kinds.count("wrong") + kinds.count("spurious")


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # problem -> summed run seconds
    slots: int = 0               # parallel sandboxes
    workers_started: int = -1    # warm workers started (-1: cold runs)
    workers_wait: float = 0.0    # seconds spent waiting for their imports

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)


def _describe(result) -> str:
    bad = [t for t in result.tests if t.status not in ("pass",)]
    head = f"status {result.status}, core {result.counts('core')[0]}/{result.counts('core')[1]}, edge {result.counts('edge')[0]}/{result.counts('edge')[1]}"
    if result.message:
        head += f"; {result.message.strip().splitlines()[-1][:160]}"
    for t in bad[:3]:
        head += f"\n    {t.tier} '{t.name}': {t.status} {((t.message or '').strip().splitlines() or [''])[-1][:160]}"
    return head


def metadata_finding(problem: Problem) -> Finding:
    """problem.toml fields the views show but the loader leaves optional: the practice log's
    difficulty (else the log shows the level) and a topic with a title in bank.toml."""
    missing = []
    if problem.difficulty is None:
        missing.append("difficulty (Easy/Medium/Hard) is missing")
    return Finding(problem.id, "metadata", not missing, "; ".join(missing))


def check_constraints(problem: Problem) -> Finding | None:
    """Validate every generated case against the statement's constraints.

    A problem's ``cases.py`` may define ``constraints(case) -> str | None`` (None: the case's
    ``args`` satisfy the statement; else what they break). Cases with a run hook and sandbox
    data (timing runs) build their inputs in the sandbox: ``timing_inputs(case)`` yields each
    input as an argument tuple, and each is validated as a case of its own. None when no constraints are declared.
    """
    from mlkata.judge.spec import Case

    module = core._load_module(problem.cases_path, f"_mlkata_constraints_{problem.id.replace('-', '_')}")
    rule = getattr(module, "constraints", None)
    if rule is None:
        return None
    t0 = time.monotonic()
    broken, checked = [], 0
    for case in module.generate():
        if case.run and case.data.get("sandbox"):  # a run hook that builds its inputs in the sandbox
            inputs = getattr(module, "timing_inputs", None)
            if inputs is None:
                broken.append(f"'{case.name}': a run hook builds its inputs; define timing_inputs(case) to validate them")
                continue
            subjects = [Case(f"{case.name} [input {k}]", args=args) for k, args in enumerate(inputs(case))]
        else:
            subjects = [case]
        for sub in subjects:
            checked += 1
            why = rule(sub)
            if why:
                broken.append(f"'{sub.name}': {why}")
    if broken:
        return Finding(problem.id, "constraints", False, "; ".join(broken[:5]) + (f" (+{len(broken) - 5} more)" if len(broken) > 5 else ""),
                       time.monotonic() - t0)
    return Finding(problem.id, "constraints", True, f"{checked} inputs within the statement's constraints", time.monotonic() - t0)


def _shipped_finding(problem: Problem, cases: list, sigs: dict, ship: bool) -> Finding:
    """With `ship`, store this run's cases and signatures with the problem; else say whether
    the shipped ones are those of the problem's current files (a first check uses them)."""
    from mlkata.judge import shipped

    t = time.monotonic()
    if ship:
        paths = shipped.write(problem, cases, sigs)
        size = sum(p.stat().st_size for p in paths) / 1024
        what = " and ".join(p.name.split(".")[0] for p in paths)
        return Finding(problem.id, "shipped", True, f"{what} written ({size:.0f} KiB)", time.monotonic() - t)
    why = shipped.stale(problem, cases)
    return Finding(problem.id, "shipped", why is None,
                   "up to date" if why is None else f"{why}: run `mlkata dev check --ship {problem.id}`",
                   time.monotonic() - t)


def check_problem(problem: Problem, pool: ThreadPoolExecutor, ship: bool = False) -> list[Finding]:
    t0 = time.monotonic()
    try:
        caseset = core.load_cases(problem, fresh=ship)
    except Exception as exc:  # the generator itself is broken
        return [Finding(problem.id, "cases", False, f"{type(exc).__name__}: {exc}")]
    cases = caseset.cases
    meta = metadata_finding(problem)
    findings = [] if meta.ok else [meta]
    findings += [Finding(problem.id, "cases", True, f"{sum(c.tier == 'core' for c in cases)} core, "
                        f"{sum(c.tier == 'edge' for c in cases)} edge", time.monotonic() - t0)]
    if not any(c.tier == "core" for c in cases):
        findings.append(Finding(problem.id, "cases", False, "no core case"))
    try:
        found = check_constraints(problem)
    except Exception as exc:  # a broken constraints function is a finding, not a crash
        found = Finding(problem.id, "constraints", False, f"{type(exc).__name__}: {exc}")
    if found is not None:
        findings.append(found)

    # the starter and the alternatives are graded on the core tier only, so they run only its
    # cases (the edge tier holds the slow ones: timing runs, N = 100k inputs); the reference
    # and the mistakes run everything (the mistakes' edge outputs are diagnosis signatures)
    core_idx = [i for i, c in enumerate(cases) if c.tier == "core"]
    core_cases = [cases[i] for i in core_idx]

    def run(path: Path, subset: list) -> tuple[core.RawRun, float]:
        t = time.monotonic()
        source = path.read_text(encoding="utf-8")
        violations = core.forbidden_mod.scan_source(source, problem.forbidden)
        if violations:
            return core.RawRun("forbidden", violations[0].message(), "", None, {}, "", 0.0), 0.0
        return core.execute(problem, source, str(path), subset), time.monotonic() - t

    subjects: list[tuple[str, Path, list]] = [("reference", problem.solution_path, cases),
                                              ("starter", problem.starter_path, core_cases)]
    subjects += [(f"alternative {p.name}", p, core_cases) for p in problem.alternatives]
    subjects += [(f"mistake {m.id}", m.path, cases) for m in problem.mistakes]
    subjects += [(f"corpus {p.name}", p, cases) for p in problem.corpus]
    futures = {name: pool.submit(run, path, subset) for name, path, subset in subjects}
    raws = {name: fut.result() for name, fut in futures.items()}
    sigs = {m.id: core.signature_of(raws[f"mistake {m.id}"][0], problem, cases) for m in problem.mistakes}
    corpus = {f"corpus {p.name}": p for p in problem.corpus}
    core.store_signatures(problem, caseset.key, sigs)
    findings.append(_shipped_finding(problem, cases, sigs, ship))
    # the same signatures, indexed like `core_cases`
    core_sigs = {mid: {k: s[i] for k, i in enumerate(core_idx) if i in s} for mid, s in sigs.items()}

    for name, (raw, secs) in raws.items():
        if name == "reference":
            res = core.grade(problem, cases, raw, strict=True, signatures=sigs)
            if res.passed:  # its per-case times set the limits of every later run (core.execute)
                measured = {c.name: float(r["seconds"]) for i, c in enumerate(cases)
                            if (r := raw.cases.get(i)) and r.get("seconds") is not None}
                known = core.reference_timings(problem)
                core.save_reference_timings(problem, {k: max(v, known.get(k, 0.0)) for k, v in measured.items()})
            findings.append(Finding(problem.id, name, res.status == "pass", "" if res.passed else _describe(res), secs))
        elif name == "starter":
            res = core.grade(problem, core_cases, raw, strict=False, signatures=core_sigs)
            findings.append(Finding(problem.id, name, res.status != "pass",
                                    "the starter must fail" if res.passed else f"fails as it should ({res.status})", secs))
        elif name in corpus:
            findings.append(corpus_finding(problem, corpus[name], core.grade(problem, cases, raw, signatures=sigs), secs))
        elif name.startswith("alternative"):
            res = core.grade(problem, core_cases, raw, strict=False, signatures=core_sigs)
            findings.append(Finding(problem.id, name, res.passed, "" if res.passed else _describe(res), secs))
        else:
            mistake = next(m for m in problem.mistakes if f"mistake {m.id}" == name)
            strict = mistake.tier == "edge"
            res = core.grade(problem, cases, raw, strict=strict, signatures=sigs)
            got = res.diagnosis.id if res.diagnosis else None
            ok = res.status != "pass" and got == mistake.id
            if mistake.tier == "core" and res.status == "pass":
                detail = "passes the core tier: add a core case that catches it (or declare it tier = 'edge')"
            elif res.status == "pass":
                detail = "passes every case: add an edge case that catches it"
            elif got != mistake.id:
                detail = f"fails ({res.status}) but is diagnosed as {got!r}: add a case where it differs"
            else:
                detail = f"caught: {res.status}, diagnosed"
            findings.append(Finding(problem.id, name, ok, detail, secs))
    return findings


def run_selfcheck(bank: Bank, ids: list[str] | None = None, workers: int | None = None,
                  warm: bool = True, ship: bool = False) -> Report:
    """Check `ids` (default: the whole bank) with `workers` parallel sandboxes (default: the
    number of cores). `warm` forks each run from a worker with the framework imported, as
    `watch` does; else every run starts a fresh interpreter. `ship` regenerates the cases and
    stores them with the signatures in each problem's .meta/shipped/ (mlkata.judge.shipped)."""
    t0 = time.monotonic()
    problems = [bank.get(i) for i in ids] if ids else bank.ordered()
    shown = {p.id: k for k, p in enumerate(problems)}  # the report keeps this order
    # pure-Python problems run first, torch ones last: their workers import for seconds meanwhile
    problems = sorted(problems, key=lambda p: {"python": 0, "numpy": 1}.get(p.framework, 2))
    report = Report()
    workers = workers or max(2, os.cpu_count() or 2)
    report.slots = workers
    saved = os.environ.get("OMP_NUM_THREADS")
    if workers > 1 and saved is None:
        # the parallel sandboxes already fill the cores: a second BLAS/OpenMP thread in each only
        # oversubscribes them, and spin-waiting threads made N = 100k runs 2-5x slower, erratically
        os.environ["OMP_NUM_THREADS"] = "1"
    pool = None
    try:
        if warm:
            from mlkata.judge import warm as warm_mod

            pool = warm_mod.enable()
            pool.prewarm(sorted({warm_mod.preimport_for(p) for p in problems}), count=workers)
        with ThreadPoolExecutor(max_workers=workers) as runs, ThreadPoolExecutor(max_workers=workers) as outer:
            futs = [outer.submit(check_problem, p, runs, ship) for p in problems]
            for p, fut in zip(problems, futs):
                try:
                    found = fut.result()
                except Exception as exc:  # report, never crash the whole check
                    found = [Finding(p.id, "self-check", False, f"{type(exc).__name__}: {exc}")]
                report.findings.extend(found)
                report.timings[p.id] = sum(f.seconds for f in found)
    finally:
        if pool is not None:
            report.workers_started, report.workers_wait = pool.started, pool.start_seconds
            warm_mod.disable()
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
    report.findings.sort(key=lambda f: shown[f.problem])
    report.seconds = time.monotonic() - t0
    return report
