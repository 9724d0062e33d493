"""Loading the bank: ``content/bank.toml`` plus one folder per problem.

Layout of a problem folder (student-facing files apart from maintainer files)::

    problems/<id>/statement.md         the statement (Markdown)
    problems/<id>/starter.py           what `mlkata start` copies into the workspace
    problems/<id>/.meta/problem.toml   metadata (schema below)
    problems/<id>/.meta/solution.py    the reference solution
    problems/<id>/.meta/cases.py       the case generator (see mlkata.judge.spec)
    problems/<id>/.meta/mistakes/*.py  known-wrong solutions, one per [[mistakes]] entry
    problems/<id>/.meta/alternatives/*.py  other correct solutions (must pass: no false rejections)
    problems/<id>/.meta/corpus/*.py        wrong submissions apart from the mistakes, each `# expect: id|none`

Every error names the file and the field.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
LEVELS = ("L1", "L2", "L3")
FRAMEWORKS = ("numpy", "torch", "python")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_LIMITS = {"time": 20.0, "memory": 1024, "processes": 16}


class BankError(Exception):
    """A malformed bank file. The message names the file and the field."""

    def __init__(self, path: Path | str, field_name: str | None, problem: str):
        self.path, self.field, self.problem = str(path), field_name, problem
        where = f"{path}" + (f": field '{field_name}'" if field_name else "")
        super().__init__(f"{where}: {problem}")


DIFFICULTIES = ("Easy", "Medium", "Hard")  # the practice log's difficulty column (LeetCode's scale)

@dataclass(frozen=True)
class Mistake:
    id: str
    title: str
    explain: str
    section: str
    tier: str  # the tier in which it must be caught: core, or edge for a hardening mistake
    path: Path


@dataclass
class Problem:
    id: str
    title: str
    topic: str
    level: str
    framework: str
    entry: str
    aliases: list[str]
    sections: list[str]
    tolerance: dict[str, dict[str, float]]
    tolerance_why: str
    limits: dict[str, float]
    forbidden: list[str]
    hints: list[str]
    mistakes: list[Mistake]
    dir: Path
    difficulty: str | None = None
    cards: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def meta(self) -> Path:
        return self.dir / ".meta"

    @property
    def statement_path(self) -> Path:
        return self.dir / "statement.md"

    @property
    def starter_path(self) -> Path:
        return self.dir / "starter.py"

    @property
    def solution_path(self) -> Path:
        return self.meta / "solution.py"

    @property
    def cases_path(self) -> Path:
        return self.meta / "cases.py"

    @property
    def alternatives(self) -> list[Path]:
        folder = self.meta / "alternatives"
        return sorted(folder.glob("*.py")) if folder.is_dir() else []

    @property
    def corpus(self) -> list[Path]:
        """Wrong submissions written apart from the planted mistakes, each labelled with the
        mistake a faithful judge names (first line `# expect: id`, `a|b` or `none`)."""
        folder = self.meta / "corpus"
        return sorted(folder.glob("*.py")) if folder.is_dir() else []

    @cached_property
    def statement(self) -> str:
        return self.statement_path.read_text(encoding="utf-8")

    @property
    def filename(self) -> str:
        """The candidate's file name in the workspace."""
        return self.id.replace("-", "_") + ".py"

    def tol_for(self, dtype: str | None) -> dict[str, float]:
        """The tolerance of a dtype ("float32", "torch.float16" ...); 'default' otherwise."""
        name = (dtype or "default").replace("torch.", "")
        return dict(self.tolerance.get(name) or self.tolerance.get("default") or {"rtol": 1e-7, "atol": 0.0})

    def content_files(self) -> list[Path]:
        """Every file whose content decides the cases (for cache keys): not the diagnosis
        corpus, which is only judged, nor what is derived (.meta/shipped)."""
        skip = {"__pycache__", "corpus", "shipped"}
        return sorted(p for p in self.meta.rglob("*")
                      if p.is_file() and not skip.intersection(p.relative_to(self.meta).parts[:-1]))


@dataclass
class Bank:
    root: Path
    format_version: int
    topics: dict[str, str]  # topic id -> title, in display order
    problems: dict[str, Problem]

    def get(self, problem_id: str) -> Problem:
        return self.problems[problem_id]

    def ordered(self) -> list[Problem]:
        order = {t: i for i, t in enumerate(self.topics)}
        return sorted(
            self.problems.values(),
            key=lambda p: (order.get(p.topic, len(order)), p.level, int(p.extra.get("order", 0)), p.id),
        )

    def suggest(self, wrong: str, n: int = 3) -> list[str]:
        import difflib

        return difflib.get_close_matches(wrong, list(self.problems), n=n, cutoff=0.5)


def default_root() -> Path:
    env = os.environ.get("MLKATA_BANK")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "content"


def _need(table: dict, key: str, kind: type | tuple, path: Path, prefix: str = "") -> Any:
    name = prefix + key
    if key not in table:
        raise BankError(path, name, "is missing")
    value = table[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        raise BankError(path, name, f"must be {' or '.join(k.__name__ for k in kinds)}, not {type(value).__name__}")
    return value


def _str_list(table: dict, key: str, path: Path, required: bool = True) -> list[str]:
    if key not in table and not required:
        return []
    value = _need(table, key, list, path)
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise BankError(path, f"{key}[{i}]", f"must be a string, not {type(item).__name__}")
    return list(value)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise BankError(path, None, "file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise BankError(path, None, f"is not valid TOML: {exc}") from None


def load_problem(folder: Path, topics: dict[str, str]) -> Problem:
    path = folder / ".meta" / "problem.toml"
    data = _read_toml(path)
    if "format_version" in data and data["format_version"] != FORMAT_VERSION:
        raise BankError(path, "format_version", f"is {data['format_version']!r}; this mlkata reads {FORMAT_VERSION}")
    pid = _need(data, "id", str, path)
    if pid != folder.name:
        raise BankError(path, "id", f"is {pid!r} but the folder is named {folder.name!r}")
    if not ID_RE.match(pid):
        raise BankError(path, "id", f"{pid!r} must be lowercase words joined by '-'")
    title = _need(data, "title", str, path)
    topic = _need(data, "topic", str, path)
    if topics and topic not in topics:
        raise BankError(path, "topic", f"{topic!r} is not one of the topics in bank.toml: {', '.join(topics)}")
    level = _need(data, "level", str, path)
    if level not in LEVELS:
        raise BankError(path, "level", f"must be one of {', '.join(LEVELS)}, not {level!r}")
    framework = _need(data, "framework", str, path)
    if framework not in FRAMEWORKS:
        raise BankError(path, "framework", f"must be one of {', '.join(FRAMEWORKS)}, not {framework!r}")
    entry = _need(data, "entry", str, path)
    aliases = _str_list(data, "aliases", path, required=False)
    sections = _str_list(data, "sections", path)
    if not sections:
        raise BankError(path, "sections", "must name at least one sheet section")
    forbidden = _str_list(data, "forbidden", path, required=False)
    hints = _str_list(data, "hints", path)
    if len(hints) != 3:
        raise BankError(path, "hints", f"must hold exactly 3 levels (concept, shape, steps), not {len(hints)}")
    difficulty = data.get("difficulty")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise BankError(path, "difficulty", f"must be one of {', '.join(DIFFICULTIES)}, not {difficulty!r}")

    tol_table = data.get("tolerance", {})
    if not isinstance(tol_table, dict):
        raise BankError(path, "tolerance", "must be a table")
    tolerance: dict[str, dict[str, float]] = {}
    tol_why = ""
    for dtype, spec in tol_table.items():
        if dtype == "why":
            if not isinstance(spec, str):
                raise BankError(path, "tolerance.why", "must be a string")
            tol_why = spec
            continue
        if not isinstance(spec, dict):
            raise BankError(path, f"tolerance.{dtype}", "must be a table {rtol = ..., atol = ...}")
        for key, value in spec.items():
            if key not in ("rtol", "atol"):
                raise BankError(path, f"tolerance.{dtype}.{key}", "unknown key (use rtol and atol)")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise BankError(path, f"tolerance.{dtype}.{key}", "must be a non-negative number")
        tolerance[dtype] = {"rtol": float(spec.get("rtol", 0.0)), "atol": float(spec.get("atol", 0.0))}
    if tolerance and not tol_why:
        raise BankError(path, "tolerance.why", "is missing: say why these tolerances are right")

    limits = dict(DEFAULT_LIMITS)
    lim_table = data.get("limits", {})
    if not isinstance(lim_table, dict):
        raise BankError(path, "limits", "must be a table")
    for key, value in lim_table.items():
        if key not in DEFAULT_LIMITS:
            raise BankError(path, f"limits.{key}", f"unknown limit (known: {', '.join(DEFAULT_LIMITS)})")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise BankError(path, f"limits.{key}", "must be a positive number")
        limits[key] = float(value)

    mistakes: list[Mistake] = []
    raw_mistakes = data.get("mistakes", [])
    if not isinstance(raw_mistakes, list):
        raise BankError(path, "mistakes", "must be an array of tables ([[mistakes]])")
    seen: set[str] = set()
    for i, m in enumerate(raw_mistakes):
        prefix = f"mistakes[{i}]."
        if not isinstance(m, dict):
            raise BankError(path, f"mistakes[{i}]", "must be a table")
        mid = _need(m, "id", str, path, prefix)
        if not ID_RE.match(mid):
            raise BankError(path, prefix + "id", f"{mid!r} must be lowercase words joined by '-'")
        if mid in seen:
            raise BankError(path, prefix + "id", f"duplicate mistake id {mid!r}")
        seen.add(mid)
        tier = m.get("tier", "core")
        if tier not in ("core", "edge"):
            raise BankError(path, prefix + "tier", f"must be 'core' or 'edge', not {tier!r}")
        mpath = folder / ".meta" / "mistakes" / f"{mid}.py"
        if not mpath.is_file():
            raise BankError(path, prefix + "id", f"has no file {mpath}")
        mistakes.append(
            Mistake(
                id=mid,
                title=_need(m, "title", str, path, prefix),
                explain=_need(m, "explain", str, path, prefix),
                section=str(m.get("section", "")),
                tier=tier,
                path=mpath,
            )
        )

    for required in ("statement.md", "starter.py", ".meta/solution.py", ".meta/cases.py"):
        if not (folder / required).is_file():
            raise BankError(folder / required, None, "file is missing")

    known = {"format_version", "id", "title", "topic", "level", "framework", "entry", "aliases", "sections",
             "forbidden", "hints", "difficulty", "tolerance", "limits", "mistakes", "cards"}
    extra = {k: v for k, v in data.items() if k not in known}
    return Problem(
        id=pid, title=title, topic=topic, level=level, framework=framework, entry=entry, aliases=aliases,
        sections=sections, tolerance=tolerance, tolerance_why=tol_why, limits=limits, forbidden=forbidden,
        hints=hints, mistakes=mistakes, dir=folder, difficulty=difficulty,
        cards=_str_list(data, "cards", path, required=False), extra=extra,
    )


def load_bank(root: Path | None = None) -> Bank:
    root = root or default_root()
    index = root / "bank.toml"
    data = _read_toml(index)
    version = _need(data, "format_version", int, index)
    if version != FORMAT_VERSION:
        raise BankError(index, "format_version", f"is {version}; this mlkata reads {FORMAT_VERSION}")
    topics_raw = data.get("topics", {})
    if not isinstance(topics_raw, dict):
        raise BankError(index, "topics", "must be a table of topic id = title")
    topics = {str(k): str(v) for k, v in topics_raw.items()}
    problems: dict[str, Problem] = {}
    pdir = root / "problems"
    if pdir.is_dir():
        for folder in sorted(pdir.iterdir()):
            if folder.is_dir() and not folder.name.startswith((".", "_")):
                problem = load_problem(folder, topics)
                problems[problem.id] = problem
    return Bank(root=root, format_version=version, topics=topics, problems=problems)
