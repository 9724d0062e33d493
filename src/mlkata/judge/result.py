"""A judge result is data (modelled on exercism's test-runner results.json v3); views render it."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

# escape sequences (CSI, OSC, DCS and the rest) and C0/C1 control characters but tab and newline
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_]|.)?"
                      r"|\x9b[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitize(text: str | None) -> str | None:
    """Text from a submission, safe to show in a terminal: escape sequences and control
    characters removed (a print could otherwise move the cursor, clear the screen or draw a
    fake PASS over the verdict), carriage returns turned into newlines."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ESCAPES.sub("", text)

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
    sandbox: dict | None = None  # the layers in force during the run (mlkata.judge.isolation)
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
        """The result as JSON, with no null message: a summary sentence for the whole result, an
        empty string for a case with nothing to say (every view and the web API use this)."""
        d = self.to_dict()
        if not d.get("message"):
            core_p, core_t = self.counts("core")
            if self.untouched_starter:
                d["message"] = "the file is still the starter (it raises NotImplementedError)"
            elif self.passed:
                d["message"] = f"all {core_t} core case(s) pass"
            else:
                d["message"] = f"{core_t - core_p} of {core_t} core case(s) fail"
        for t in d.get("tests", []):
            if t.get("message") is None:
                t["message"] = ""
        return json.dumps(d, indent=2, ensure_ascii=False)
