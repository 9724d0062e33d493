"""What a judged check leaves behind, in one place for every way of checking
(`mlkata check`, `watch`, `mock`, the notebook cell): the attempt row, the practice log's FSRS
rating of the problem, and — after a real failure — its related concept cards made due.

An attempt is a judgement of *distinct content* by the candidate:

* a file whose content hash equals an earlier attempt of the same problem is a **re-check**: its
  verdict is shown, and kept in ``attempt_rechecks``, but it is not a new attempt, never a new
  solve, and rates nothing;
* a file that is still the **starter** (the starter's exact text, give or take trailing
  whitespace, or every core case raising the starter's NotImplementedError) is no attempt: not
  recorded at all, so the log, ``next`` and the dashboard never see it.

Every way of checking goes through :func:`record_check`, so they all follow these rules."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass
class Recorded:
    saved: bool = False                                  # the attempt row is in the store
    cards_due: list[str] = field(default_factory=list)  # related cards made due now
    warnings: list[str] = field(default_factory=list)   # what could not be done, for the user
    skipped: str | None = None   # why this check is not an attempt: 'recheck' or 'starter'
    note: str | None = None      # one line for the user saying so


def is_starter(problem, result, source: str) -> bool:
    """Still the starter: its text (trailing whitespace aside), or it raises the starter's
    NotImplementedError on every core case."""
    if getattr(result, "untouched_starter", False):
        return True
    try:
        starter = problem.starter_path.read_text(encoding="utf-8")
    except (OSError, AttributeError):
        return False
    norm = lambda text: "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").splitlines()).strip()  # noqa: E731
    return norm(starter) == norm(source)


def record_check(conn: sqlite3.Connection, problem, result, source: str) -> Recorded:
    """Record one check. Each part fails on its own: a verdict is never lost to a store error."""
    from mlkata.study.log import after_check
    from mlkata.study.progress import record_attempt, record_recheck, same_content

    rec = Recorded()
    if is_starter(problem, result, source):
        rec.skipped = "starter"
        rec.note = "still the starter: not recorded as an attempt"
        return rec
    try:
        earlier = same_content(conn, result.problem, source)
        if earlier is not None:
            record_recheck(conn, result, source, int(earlier["id"]))
            rec.skipped = "recheck"
            rec.note = (f"same file as your attempt of {earlier['at'][:16].replace('T', ' ')} UTC: shown, not recorded "
                        "again (change the code to make a new attempt)")
            return rec
        record_attempt(conn, result, source)
        rec.saved = True
    except Exception as exc:
        rec.warnings.append(f"this attempt was not recorded: {exc}")
        return rec
    try:
        after_check(conn, problem, result)  # practice log: rate the problem's FSRS item
    except Exception as exc:
        rec.warnings.append(f"the practice log was not updated: {exc}")
    if result.status != "pass":
        try:
            from mlkata.study.cards import on_problem_failed

            rec.cards_due = on_problem_failed(conn, problem.id)
        except Exception as exc:  # e.g. a malformed imported deck
            rec.warnings.append(f"related cards not rescheduled: {exc}")
    return rec
