"""A judge result is data (modelled on exercism's test-runner results.json v3); views render it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = ("pass", "fail", "error", "timeout", "oom", "forbidden")
# which overall status wins when several cases go wrong
SEVERITY = {"pass": 0, "skipped": 0, "fail": 1, "error": 2, "oom": 3, "timeout": 4, "forbidden": 5}


@dataclass
class Diagnosis:
    id: str
    title: str
    explain: str
    section: str
    tier: str


@dataclass
class TestResult:
    name: str
    tier: str
    status: str               # pass / fail / error / timeout / oom / forbidden / skipped
    message: str | None = None
    diagnosis: str | None = None
    output: str = ""
    summary: str = ""
    why: str | None = None
    seconds: float | None = None


@dataclass
class Result:
    problem: str
    status: str
    message: str | None = None
    tests: list[TestResult] = field(default_factory=list)
    diagnosis: Diagnosis | None = None
    notes: list[str] = field(default_factory=list)
    strict: bool = False
    duration: float = 0.0
    entry: str | None = None
    output: str = ""          # what the submission printed while being imported
    version: int = 3

    def counts(self, tier: str) -> tuple[int, int]:
        tests = [t for t in self.tests if t.tier == tier]
        return sum(t.status == "pass" for t in tests), len(tests)

    @property
    def untouched_starter(self) -> bool:
        """Every core case raised NotImplementedError: the candidate has not written anything yet."""
        core = [t for t in self.tests if t.tier == "core"]
        return bool(core) and all((t.message or "").rstrip().endswith("NotImplementedError") for t in core)

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["diagnosis"] = asdict(self.diagnosis) if self.diagnosis else None
        for t in d["tests"]:
            t["test_code"] = None
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
