"""The practice log: one row per problem (bank problems and external ones), as in the sheet's table.

Knows no problem by name. See docs/practice-log.md for the rules in prose; in short:

* **Status** of a bank problem is derived from its checks, hints and solution views
  (:func:`mlkata.study.progress.derive_status`), unless the user set one with ``mlkata log set``
  (or ``mlkata log import``) *after* the problem's latest check: an override holds until the next
  check of that problem. External entries (problems practised elsewhere) only have set statuses.
* **Review date** is the due date of the entry's FSRS item ``problem:<entry>``. After every check,
  :func:`after_check` rates that item from the attempt (:func:`rating_for`). Only ⚠️/❌ entries
  are scheduled by FSRS; a ✅ entry is *spot-checked*: its date is pushed to at least
  ``SPOT_CHECK_DAYS`` after the pass.
* **Time to solve**: see :func:`solve_seconds`.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from mlkata.study import srs
from mlkata.study.progress import MARKERS, now_utc, progress

SPOT_CHECK_DAYS = 30
STATUSES = ("fluent", "shaky", "unknown")
HEADER = ("Problem", "Topic", "Difficulty", "Status", "Review Date")
LC_RE = re.compile(r"^\s*lc[\s#\-_]*(\d+)\s*$", re.IGNORECASE)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the sheet's markers, and what people also type
MARKER_TO_STATUS = {"✅": "fluent", "⚠️": "shaky", "⚠": "shaky", "❌": "unknown",
                    "fluent": "fluent", "shaky": "shaky", "unknown": "unknown"}


class LogError(Exception):
    """A malformed practice-log file or an unknown entry; the message says where."""


@dataclass
class Entry:
    name: str                  # what the table shows: "LC 1" for LeetCode problems, else the bank id / external text
    key: str                   # storage key: the bank id, or the external entry text
    problem: str | None        # bank id, None for an external entry
    leetcode: int | None
    title: str
    topic: str
    difficulty: str
    status: str                # fluent / shaky / unknown / new
    status_set: bool           # True when the status is the user's override
    review: datetime | None    # UTC due date of the FSRS item, None when not scheduled
    attempts: int
    solve_seconds: float | None
    note: str

    @property
    def marker(self) -> str:
        return MARKERS[self.status] if self.status != "new" else ""

    @property
    def spot_check(self) -> bool:
        return self.status == "fluent" and self.review is not None


# ---------------------------------------------------------------------------------------------
# names and keys


def leetcode_number(problem) -> int | None:
    n = problem.extra.get("leetcode")
    return n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else None


def entry_name(problem) -> str:
    n = leetcode_number(problem)
    return f"LC {n}" if n else problem.id


def normalise(text: str) -> str:
    """'lc146', 'LC #146', 'lc-146' -> 'LC 146'; anything else: trimmed, inner spaces collapsed."""
    m = LC_RE.match(text)
    return f"LC {int(m.group(1))}" if m else " ".join(text.split())


def item(key: str) -> str:
    return f"problem:{key}"


def _by_leetcode(bank) -> dict[int, object]:
    return {n: p for p in bank.problems.values() if (n := leetcode_number(p))}


def resolve(conn: sqlite3.Connection, bank, text: str):
    """('bank', Problem) | ('external', key) | (None, key) for a name not known anywhere."""
    key = normalise(text)
    if key in bank.problems:
        return "bank", bank.get(key)
    m = LC_RE.match(key)
    if m and (p := _by_leetcode(bank).get(int(m.group(1)))):
        return "bank", p
    if conn.execute("SELECT 1 FROM log_external WHERE entry=?", (key,)).fetchone():
        return "external", key
    return None, key


def adopt(conn: sqlite3.Connection, bank) -> None:
    """An external 'LC n' entry whose number a bank problem now carries becomes that problem's row:
    its status, note and review date move over (unless the bank problem has its own)."""
    by_lc = _by_leetcode(bank)
    rows = conn.execute("SELECT entry, leetcode FROM log_external WHERE leetcode IS NOT NULL").fetchall()
    for row in rows:
        p = by_lc.get(row["leetcode"])
        if p is None:
            continue
        old, new = row["entry"], p.id
        with conn:
            for table in ("log_status", "log_notes"):
                if not conn.execute(f"SELECT 1 FROM {table} WHERE entry=?", (new,)).fetchone():
                    conn.execute(f"UPDATE {table} SET entry=? WHERE entry=?", (new, old))
                conn.execute(f"DELETE FROM {table} WHERE entry=?", (old,))
            conn.execute("DELETE FROM log_external WHERE entry=?", (old,))
        if srs.get_card(conn, item(new)) is None and srs.get_card(conn, item(old)) is not None:
            srs.rename(conn, item(old), item(new))


# ---------------------------------------------------------------------------------------------
# status, review date, time to solve


def _override(conn: sqlite3.Connection, key: str):
    return conn.execute("SELECT status, at FROM log_status WHERE entry=?", (key,)).fetchone()


def status_of(conn: sqlite3.Connection, key: str, bank_problem: bool = True) -> tuple[str, bool]:
    """(status, set_by_user). An override holds while no check of the problem is newer than it."""
    ov = _override(conn, key)
    if not bank_problem:
        return (ov["status"], True) if ov else ("new", False)
    last = conn.execute("SELECT MAX(at) FROM attempts WHERE problem=?", (key,)).fetchone()[0]
    if ov and (last is None or ov["at"] >= last):
        return ov["status"], True
    return progress(conn, key).status, False


def review_of(conn: sqlite3.Connection, key: str) -> datetime | None:
    row = conn.execute("SELECT due FROM srs_state WHERE item=? AND suspended=0", (item(key),)).fetchone()
    return datetime.fromisoformat(row[0]) if row else None


def solve_seconds(conn: sqlite3.Connection, problem_id: str) -> float | None:
    """Wall-clock time of the latest solve, in seconds.

    Take the latest passing check. Its *anchor* is the latest ``start``/``reset`` before it (the
    moment the blank starter was written), or, if there was none, the problem's first check.
    The time to solve is from the anchor to the first passing check after the anchor. None when
    the problem was never passed, or when the anchor is itself that passing check (no start
    recorded: the time is not known).
    """
    rows = conn.execute(
        "SELECT at, 'attempt' AS kind, status FROM attempts WHERE problem=?"
        " UNION ALL SELECT at, kind, NULL FROM events WHERE problem=? AND kind IN ('start','reset')"
        " ORDER BY at",
        (problem_id, problem_id),
    ).fetchall()
    passes = [i for i, r in enumerate(rows) if r["kind"] == "attempt" and r["status"] == "pass"]
    if not passes:
        return None
    last = passes[-1]
    anchors = [i for i in range(last) if rows[i]["kind"] in ("start", "reset")]
    anchor = anchors[-1] if anchors else next(i for i, r in enumerate(rows) if r["kind"] == "attempt")
    first = next(i for i in passes if i >= anchor)
    if first == anchor:
        return None
    t0, t1 = (datetime.fromisoformat(rows[i]["at"]) for i in (anchor, first))
    return (t1 - t0).total_seconds()


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    m = int(seconds // 60)
    if m < 1:
        return "<1m"
    if m < 60:
        return f"{m}m"
    h, m = divmod(m, 60)
    if h < 24:
        return f"{h}h{m:02d}m"
    d, h = divmod(h, 24)
    return f"{d}d{h:02d}h"


def entries(conn: sqlite3.Connection, bank) -> list[Entry]:
    """Every bank problem in bank order, then the external entries by LeetCode number."""
    adopt(conn, bank)
    notes = {r["entry"]: r["text"] for r in conn.execute("SELECT entry, text FROM log_notes")}
    out: list[Entry] = []
    for p in bank.ordered():
        status, is_set = status_of(conn, p.id)
        out.append(Entry(
            name=entry_name(p), key=p.id, problem=p.id, leetcode=leetcode_number(p), title=p.title,
            topic=str(p.extra.get("log_topic") or p.title), difficulty=p.difficulty or p.level,
            status=status, status_set=is_set, review=review_of(conn, p.id),
            attempts=int(conn.execute("SELECT COUNT(*) FROM attempts WHERE problem=?", (p.id,)).fetchone()[0]),
            solve_seconds=solve_seconds(conn, p.id), note=notes.get(p.id, ""),
        ))
    ext = conn.execute("SELECT * FROM log_external ORDER BY leetcode IS NULL, leetcode, entry").fetchall()
    for r in ext:
        status, is_set = status_of(conn, r["entry"], bank_problem=False)
        out.append(Entry(
            name=r["entry"], key=r["entry"], problem=None, leetcode=r["leetcode"], title="",
            topic=r["topic"], difficulty=r["difficulty"], status=status, status_set=is_set,
            review=review_of(conn, r["entry"]), attempts=0, solve_seconds=None, note=notes.get(r["entry"], ""),
        ))
    return out


# ---------------------------------------------------------------------------------------------
# after a check: rate the problem's FSRS item


def rating_for(passed: bool, status: str, attempts: int) -> str:
    """The FSRS rating a check gives the problem's item.

    * not passed -> ``again``
    * passed, status (after this check) fluent, and it was the problem's very first check -> ``easy``
    * passed, status fluent (clean since the previous pass) -> ``good``
    * passed, status shaky (failures, hints or the solution since the previous pass) -> ``hard``
    """
    if not passed:
        return "again"
    if status == "fluent":
        return "easy" if attempts == 1 else "good"
    return "hard"


def scheduler():
    """FSRS for problems: like cards, but without the minute-long learning steps (re-solving a
    problem ten minutes later proves nothing), so every review date is a whole number of days."""
    import os

    import fsrs

    fuzz = os.environ.get("MLKATA_FSRS_FUZZ", "1") != "0"
    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=fuzz)


def _spot_check(conn: sqlite3.Connection, key: str, now: datetime) -> None:
    """A fluent entry is not scheduled by FSRS: it comes back for a spot-check SPOT_CHECK_DAYS on."""
    floor = now + timedelta(days=SPOT_CHECK_DAYS)
    current = review_of(conn, key)
    if current is None or current < floor:
        srs.set_due(conn, item(key), "problem", floor)


def after_check(conn: sqlite3.Connection, problem, result, now: datetime | None = None) -> str:
    """Called by `mlkata check` right after record_attempt: rate the problem's FSRS item from the
    attempt and, when the problem is now fluent, push its review to a spot-check date.
    Returns the rating given."""
    now = now or srs.utcnow()
    prog = progress(conn, problem.id)
    rating = rating_for(result.status == "pass", prog.status, prog.attempts)
    srs.rate(conn, item(problem.id), "problem", rating, now=now, duration_ms=int(result.duration * 1000),
             sched=scheduler())
    if prog.status == "fluent":
        _spot_check(conn, problem.id, now)
    return rating


PRACTICE_RATING = {"fluent": "good", "shaky": "hard", "unknown": "again"}


def record_practice(conn: sqlite3.Connection, key: str, status: str, now: datetime | None = None) -> str:
    """A review done outside the judge (e.g. the problem solved on LeetCode): rate the entry's FSRS
    item as a check would (fluent -> good, shaky -> hard, unknown -> again), set the status, and
    push a fluent entry to its spot-check date. Returns the rating given."""
    now = now or srs.utcnow()
    rating = PRACTICE_RATING[status]
    srs.rate(conn, item(key), "problem", rating, now=now, sched=scheduler())
    _write_status(conn, key, status)
    if status == "fluent":
        _spot_check(conn, key, now)
    return rating


# ---------------------------------------------------------------------------------------------
# user edits: status, note, review date, external entries


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0, 0), tzinfo=timezone.utc)


def parse_date(text: str) -> date:
    if not DATE_RE.match(text.strip()):
        raise LogError(f"'{text}' is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise LogError(f"'{text}' is not a date: {exc}") from None


def add_external(conn: sqlite3.Connection, key: str, topic: str | None = None, difficulty: str | None = None) -> None:
    m = LC_RE.match(key)
    with conn:
        conn.execute(
            "INSERT INTO log_external (entry, leetcode, topic, difficulty, added_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(entry) DO UPDATE SET topic=COALESCE(?, topic), difficulty=COALESCE(?, difficulty)",
            (key, int(m.group(1)) if m else None, topic or "", difficulty or "", now_utc(), topic, difficulty),
        )


def _write_status(conn: sqlite3.Connection, key: str, status: str | None) -> None:
    with conn:
        if status is None:
            conn.execute("DELETE FROM log_status WHERE entry=?", (key,))
        else:
            conn.execute("INSERT INTO log_status (entry, status, at) VALUES (?,?,?)"
                         " ON CONFLICT(entry) DO UPDATE SET status=excluded.status, at=excluded.at",
                         (key, status, now_utc()))


def set_status(conn: sqlite3.Connection, key: str, status: str | None, bank_problem: bool,
               now: datetime | None = None) -> None:
    """Override the status (None: back to the derived one) and move the review date to match:
    ✅ -> at least SPOT_CHECK_DAYS away; ⚠️/❌ on an entry that was ✅ or new, or had no review
    date -> due now; ⚠️/❌ on an entry already ⚠️/❌ keeps its FSRS date."""
    now = now or srs.utcnow()
    before, _ = status_of(conn, key, bank_problem)
    _write_status(conn, key, status)
    after, _ = status_of(conn, key, bank_problem)
    if after == "fluent":
        _spot_check(conn, key, now)
    elif after in ("shaky", "unknown"):
        if review_of(conn, key) is None or before in ("fluent", "new"):
            srs.set_due(conn, item(key), "problem", now)


def set_review(conn: sqlite3.Connection, key: str, day: date) -> None:
    srs.set_due(conn, item(key), "problem", _midnight(day))


def set_note(conn: sqlite3.Connection, key: str, text: str) -> None:
    """One note per entry, one line (line breaks become spaces, other spacing is kept as
    written); empty text removes it."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", text).strip()
    with conn:
        if text:
            conn.execute("INSERT INTO log_notes (entry, text, at) VALUES (?,?,?)"
                         " ON CONFLICT(entry) DO UPDATE SET text=excluded.text, at=excluded.at",
                         (key, text, now_utc()))
        else:
            conn.execute("DELETE FROM log_notes WHERE entry=?", (key,))


# ---------------------------------------------------------------------------------------------
# Markdown export and import


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def export_md(rows: list[Entry]) -> str:
    """The sheet's table, one row per entry; then, only if there are notes, a 'Notes:' list."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    for e in rows:
        day = e.review.date().isoformat() if e.review else ""
        lines.append("| " + " | ".join(_cell(c) for c in (e.name, e.topic, e.difficulty, e.marker, day)) + " |")
    noted = [e for e in rows if e.note]
    if noted:
        lines += ["", "Notes:"] + [f"- {e.name}: {e.note}" for e in noted]
    return "\n".join(lines) + "\n"


def has_history(e: Entry) -> bool:
    """An entry worth a row: practised, given a status, scheduled or noted, or the user's own."""
    return e.problem is None or e.attempts > 0 or e.status_set or e.review is not None or bool(e.note) \
        or e.status != "new"


def layout_path():
    from mlkata import paths

    return paths.home() / "practice-log.layout.json"


def remember_layout(text: str, now: datetime) -> None:
    """Keep the last imported file's text: the export writes the user's heading, legend, column
    order and row order back around the current values."""
    import json

    path = layout_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"text": text.removeprefix("\ufeff"), "imported_at": now.isoformat()}), encoding="utf-8")
    tmp.replace(path)


def _load_layout():
    import json

    try:
        data = json.loads(layout_path().read_text(encoding="utf-8"))
        return data["text"], datetime.fromisoformat(data["imported_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def export_log(rows: list[Entry]) -> str:
    """What `mlkata log --export md` prints: the rows with history (bank problems never touched
    are left out) in the layout of the last imported file if there is one, else the sheet's table."""
    rows = [e for e in rows if has_history(e)]
    layout = _load_layout()
    if layout is None:
        return export_md([_blank_fluent(e) for e in rows])
    try:
        return _export_in_layout(rows, *layout)
    except LogError:
        return export_md([_blank_fluent(e) for e in rows])


def _blank_fluent(e: Entry) -> Entry:
    # the sheet schedules only ⚠️/❌: a ✅ entry's spot-check date is mlkata's, shown in its views
    if e.status == "fluent":
        return Entry(**{**e.__dict__, "review": None})
    return e


def _export_in_layout(rows: list[Entry], text: str, imported_at: datetime) -> str:
    lines = text.splitlines()
    parsed, _notes = parse_md(text)
    by_line = {r.line: r for r in parsed}
    # find the table: the header is the first '|' line with Problem and Status before the rows
    start = next(i for i, l in enumerate(lines, 1) if l.strip().startswith("|")
                 and {"problem", "status"} <= {c.strip("* ").lower() for c in _split_row(l.strip())})
    header = [c.strip("* ").lower() for c in _split_row(lines[start - 1].strip())]
    end = start
    while end < len(lines) and lines[end].strip().startswith("|"):
        end += 1  # lines[start:end] are the separator and the rows (1-based start is the header)
    by_key: dict[str, Entry] = {}
    for e in rows:
        by_key[e.name] = e
        by_key[e.key] = e
    used: set[str] = set()
    out = lines[:start + 1]  # everything before the table, the header, the separator

    def cells_for(e: Entry, old: list[str] | None, old_row: Row | None) -> list[str]:
        new = list(old) if old else [""] * len(header)
        for i, col in enumerate(header):
            if col == "problem" and not old:
                new[i] = e.name
            elif col == "topic" and not (old and old[i]):
                new[i] = e.topic
            elif col == "difficulty" and not (old and old[i]):
                new[i] = e.difficulty
            elif col == "status":
                same = old_row is not None and old_row.status == (e.status if e.status != "new" else None)
                new[i] = old[i] if (same and old) else e.marker
            elif col in ("review date", "review"):
                day = e.review.date().isoformat() if e.review else ""
                if old_row is not None and old_row.review is None and (e.review is None or e.review <= imported_at):
                    day = ""  # left blank by the user, and nothing scheduled it since
                elif e.status == "fluent" and (old_row is None or old_row.review is None):
                    day = ""
                new[i] = day
        return new

    for idx in range(start + 1, end):
        raw = lines[idx]
        row = by_line.get(idx + 1)
        if row is None:
            out.append(raw)  # the separator
            continue
        e = by_key.get(row.name) or by_key.get(normalise(row.name))
        if e is None:  # a row of the user's that mlkata has nothing for: as written
            out.append(raw)
            continue
        used.add(e.key)
        old = _split_row(raw.strip())
        new = cells_for(e, old, row)
        out.append(raw if new == old else "| " + " | ".join(_cell(c) for c in new) + " |")
    for e in rows:
        if e.key not in used:
            out.append("| " + " | ".join(_cell(c) for c in cells_for(e, None, None)) + " |")
    rest = lines[end:]
    noted = [e for e in rows if e.note]
    # the notes list: rewritten in place with the current notes, or added at the end
    ni = next((i for i, l in enumerate(rest) if re.fullmatch(r"(#+\s*)?\**notes\**:?\**", l.strip(), re.IGNORECASE)), None)
    if ni is not None:
        j = ni + 1
        items = []
        while j < len(rest) and (rest[j].strip().startswith(("- ", "* ")) or not rest[j].strip()):
            if rest[j].strip():
                items.append(rest[j])
            j += 1
        while j > ni + 1 and not rest[j - 1].strip():
            j -= 1
        order = []
        for it in items:
            name = normalise(it.strip()[2:].partition(": ")[0])
            e = by_key.get(name)
            if e is not None and e.note and e.key not in order:
                order.append(e.key)
        order += [e.key for e in noted if e.key not in order]
        keyed = {e.key: e for e in rows}
        new_items = []
        for k in order:
            e = keyed[k]
            old = next((it for it in items if by_key.get(normalise(it.strip()[2:].partition(": ")[0])) is e), None)
            name = old.strip()[2:].partition(": ")[0] if old else e.name
            line = f"- {name}: {e.note}"
            new_items.append(old if old is not None and old.strip() == line else line)
        rest = rest[:ni + 1] + new_items + rest[j:]
    elif noted:
        rest = rest + ([""] if rest and rest[-1].strip() else ([] if rest else [""])) + ["Notes:"] + \
            [f"- {e.name}: {e.note}" for e in noted]
    newline = "\r\n" if "\r\n" in text else "\n"  # the file's own line endings
    result = newline.join(out + rest)
    return result + newline if text.endswith("\n") or not text else result


def _status_from(mark: str) -> str | None:
    # keyboards type ✅ and ❌ with or without the emoji variation selector U+FE0F (✅️)
    bare = mark.replace("\ufe0f", "").strip()
    return MARKER_TO_STATUS.get(bare) or MARKER_TO_STATUS.get(bare.lower())


def _split_row(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells, cur, i = [], "", 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            cur += "|"
            i += 2
            continue
        if body[i] == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += body[i]
        i += 1
    cells.append(cur.strip())
    return cells


@dataclass
class Row:
    line: int
    name: str
    topic: str
    difficulty: str
    status: str | None
    review: date | None


def parse_md(text: str) -> tuple[list[Row], dict[str, str]]:
    """Rows of the first table whose header has 'Problem' and 'Status' columns (other columns and
    any column order are fine), and the 'Notes:' list ('- NAME: text') if there is one."""
    rows: list[Row] = []
    notes: dict[str, str] = {}
    cols: dict[str, int] | None = None
    in_table = done = in_notes = False
    text = text.removeprefix("\ufeff")
    width = 0
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not done and line.startswith("|"):
            cells = _split_row(line)
            if cols is None:
                names = [c.strip("* ").lower() for c in cells]
                if "problem" in names and "status" in names:
                    cols = {c: i for i, c in enumerate(names)}
                    width = len(cells)
                    in_table = True
                continue
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue
            if len(cells) != width:
                raise LogError(f"line {n}: {len(cells)} cells, the header has {width} "
                               f"({'a cell is missing' if len(cells) < width else 'an unescaped | or an extra cell'})")

            def get(col: str) -> str:
                i = cols.get(col)
                return cells[i].strip() if i is not None and i < len(cells) else ""

            name = get("problem")
            if not name:
                raise LogError(f"line {n}: the Problem cell is empty")
            mark = get("status")
            status = None
            if mark:
                status = _status_from(mark) or _status_from(mark.split()[0])
                if status is None:
                    raise LogError(f"line {n}: status '{mark}' is not one of ✅ ⚠️ ❌")
            day = get("review date") or get("review")
            try:
                review = parse_date(day) if day else None
            except LogError as exc:
                raise LogError(f"line {n}: {exc}") from None
            rows.append(Row(n, normalise(name), get("topic"), get("difficulty"), status, review))
            continue
        if in_table and not line.startswith("|"):
            in_table, done = False, cols is not None
        if re.fullmatch(r"(#+\s*)?\**notes\**:?\**", line, re.IGNORECASE):
            in_notes = True
            continue
        if in_notes and line.startswith(("- ", "* ")):
            name, sep, note = line[2:].partition(": ")
            if not sep:
                raise LogError(f"line {n}: a note reads '- PROBLEM: text'")
            notes[normalise(name)] = note.strip()
        elif in_notes and line:
            in_notes = False
    if cols is None:
        raise LogError("no table with 'Problem' and 'Status' columns found")
    return rows, notes


@dataclass
class ImportSummary:
    bank: int = 0
    external: int = 0
    statuses: int = 0
    dates: int = 0
    notes: int = 0


def import_md(conn: sqlite3.Connection, bank, text: str, now: datetime | None = None) -> ImportSummary:
    """Carry a log over. The file is read whole before anything is written (a malformed file
    changes nothing). Per row: a bank problem (by id, or 'LC n' when a bank problem has that
    LeetCode number) or else an external entry (topic and difficulty kept). A status marker sets
    the status (unless it already is that); a date sets the review date (unless it already falls
    on that day); an empty date on an entry with a status and no review date gives it one: due
    now for ⚠️/❌, the spot-check date for ✅."""
    now = now or srs.utcnow()
    rows, notes = parse_md(text)
    real, conn = conn, _OneTransaction(conn)
    try:
        s = _import_rows(conn, bank, rows, notes, now)
    except BaseException:
        real.rollback()
        raise
    real.commit()
    remember_layout(text, now)
    return s


class _OneTransaction:
    """The connection seen by the import's writes: `with conn:` blocks of the helpers do not
    commit, so the whole import is one transaction (committed or rolled back by import_md)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        return False

    def commit(self) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _import_rows(conn, bank, rows: list[Row], notes: dict[str, str], now: datetime) -> ImportSummary:
    adopt(conn, bank)
    s = ImportSummary()
    seen: dict[str, int] = {}
    for r in rows:
        kind, target = resolve(conn, bank, r.name)
        key = target.id if kind == "bank" else target
        if key in seen:
            raise LogError(f"line {r.line}: '{r.name}' is listed twice (first on line {seen[key]})")
        seen[key] = r.line
    for r in rows:
        kind, target = resolve(conn, bank, r.name)
        is_bank = kind == "bank"
        key = target.id if is_bank else target
        if is_bank:
            s.bank += 1
        else:
            add_external(conn, key, r.topic or None, r.difficulty or None)  # a blank cell keeps what is known
            s.external += 1
        if r.status and status_of(conn, key, is_bank)[0] != r.status:
            _write_status(conn, key, r.status)
            s.statuses += 1
        current = review_of(conn, key)
        if r.review:
            if current is None or current.date() != r.review:
                set_review(conn, key, r.review)
                s.dates += 1
        elif current is None and status_of(conn, key, is_bank)[0] in ("shaky", "unknown"):
            # the sheet schedules ⚠️/❌ only: a blank date there is due now; a ✅ left blank stays
            # without a date (its spot-check lives in mlkata's own views once it is checked)
            srs.set_due(conn, item(key), "problem", now)
            s.dates += 1
    for name, text_ in notes.items():
        kind, target = resolve(conn, bank, name)
        if kind is None:
            add_external(conn, target)
        key = target.id if kind == "bank" else target
        set_note(conn, key, text_)
        s.notes += 1
    return s


# ---------------------------------------------------------------------------------------------
# what to do next


@dataclass
class Plan:
    due: list[Entry]
    open: list[Entry]           # ⚠️/❌ not yet due
    new: list[Entry]            # bank problems never checked in bank order, then external entries with no status
    cards_due: int | None       # None when the concept-card module is not installed


def cards_due(conn: sqlite3.Connection, now: datetime) -> int | None:
    """Due concept cards, only if the cards module exists (it is optional for the log)."""
    try:
        from mlkata.study import cards  # noqa: F401
    except ImportError:
        return None
    fn = getattr(cards, "due_count", None)
    if callable(fn):
        try:
            return int(fn(conn))
        except TypeError:
            pass
    return len(srs.due_items(conn, kind="card", now=now))


def plan(conn: sqlite3.Connection, bank, now: datetime | None = None) -> Plan:
    now = now or srs.utcnow()
    rows = entries(conn, bank)
    due = sorted((e for e in rows if e.review is not None and e.review <= now), key=lambda e: e.review)
    due_keys = {e.key for e in due}
    open_ = sorted((e for e in rows if e.key not in due_keys and e.status in ("unknown", "shaky")),
                   key=lambda e: e.status != "unknown")  # ❌ before ⚠️, each in log order
    new = [e for e in rows if e.key not in due_keys and e.status == "new"]  # bank order, then externals
    return Plan(due=due, open=open_, new=new, cards_due=cards_due(conn, now))
