"""What a judged check leaves behind, in one place for every way of checking
(`mlkata check`, `watch`, `mock`, the notebook cell): the attempt row, the practice log's FSRS
rating of the problem, and — after a real failure — its related concept cards made due."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass
class Recorded:
    saved: bool = False                                  # the attempt row is in the store
    cards_due: list[str] = field(default_factory=list)  # related cards made due now
    warnings: list[str] = field(default_factory=list)   # what could not be done, for the user


def record_check(conn: sqlite3.Connection, problem, result, source: str) -> Recorded:
    """Record one check. Each part fails on its own: a verdict is never lost to a store error."""
    from mlkata.study.log import after_check
    from mlkata.study.progress import record_attempt

    rec = Recorded()
    try:
        record_attempt(conn, result, source)
        rec.saved = True
    except Exception as exc:
        rec.warnings.append(f"this attempt was not recorded: {exc}")
        return rec
    try:
        after_check(conn, problem, result)  # practice log: rate the problem's FSRS item
    except Exception as exc:
        rec.warnings.append(f"the practice log was not updated: {exc}")
    # an untouched starter is not an attempt at the concept: its cards stay where they are
    if result.status != "pass" and not result.untouched_starter:
        try:
            from mlkata.study.cards import on_problem_failed

            rec.cards_due = on_problem_failed(conn, problem.id)
        except Exception as exc:  # e.g. a malformed imported deck
            rec.warnings.append(f"related cards not rescheduled: {exc}")
    return rec
