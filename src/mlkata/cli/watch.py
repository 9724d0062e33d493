"""`mlkata watch`: re-judge a problem each time its file is saved, with a warm judge."""

from __future__ import annotations

import hashlib
import os
import queue
import select
import sys
import threading
from pathlib import Path

import click

from mlkata.cli.common import bank, complete_problem, problem, store

KEYS = "[bold]n[/] next  [bold]h[/] hint  [bold]l[/] list  [bold]r[/] reset  [bold]⏎[/] re-run  [bold]q[/] quit"


class _Keys:
    """Single key presses from the terminal (cbreak mode), restored on exit."""

    def __init__(self) -> None:
        self.fd = sys.stdin.fileno() if sys.stdin and not sys.stdin.closed else None
        self.saved = None
        if self.fd is not None and os.isatty(self.fd):
            import termios
            import tty

            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)

    def restore(self) -> None:
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            self.saved = None

    def read(self) -> str:
        data = os.read(self.fd, 64)
        return data.decode("utf-8", "replace") if data else "q"  # end of input: quit


def _watch_thread(root: Path, poll: bool, debounce: int, events: queue.Queue, wake: int,
                  stop: threading.Event) -> None:
    from watchfiles import watch

    try:
        for changes in watch(root, stop_event=stop, debounce=debounce, step=50, force_polling=poll or None,
                             poll_delay_ms=300, raise_interrupt=False, recursive=True):
            for _change, path in changes:
                events.put(path)
            os.write(wake, b"!")
    except Exception as exc:  # no file events here: the manual fallback still works
        events.put(exc)
        os.write(wake, b"!")


def parse_error(source: str, filename: str) -> str | None:
    """None when the file parses; else a one-line "line N: message" (a save in mid-edit)."""
    import ast

    try:
        ast.parse(source, filename)
    except SyntaxError as exc:
        return f"line {exc.lineno}: {exc.msg}"
    except (ValueError, MemoryError) as exc:  # null bytes, absurd nesting
        return str(exc)
    return None


class Session:
    """One screen at a time: every action redraws the whole terminal in place (clear, then at
    most its height of lines, the key line last), so nothing scrolls at 80×24."""

    def __init__(self, problem_id: str, poll: bool) -> None:
        from mlkata import paths, terminal

        self.terminal = terminal
        self.bank = bank()
        self.order = [p.id for p in self.bank.ordered()]
        self.root = paths.workspace()
        self.by_file = {p.filename: p.id for p in self.bank.problems.values()}
        self.current = problem_id
        self.poll = poll
        self.last_hash: dict[str, str] = {}
        self.last_verdict: dict[str, tuple] = {}   # problem -> (status, diagnosis id) of the last judgement
        self.notice = ""                           # one dim line under the header (e.g. a wrong key)

    # -- drawing ------------------------------------------------------------------------------
    def path(self, pid: str | None = None) -> Path:
        return self.root / self.bank.get(pid or self.current).filename

    def header(self) -> None:
        p = self.bank.get(self.current)
        mode = "polling" if self.poll else "watching"
        self.terminal.print(f"[bold]mlkata watch[/] · {p.id} ({p.level}) · {mode} "
                            f"[cyan]{self.terminal.escape(self.path().name)}[/]")

    def footer(self) -> None:
        self.terminal.print(f"[dim]save to check · {KEYS}[/]")

    def draw(self, body, more: str = "") -> None:
        """Clear the screen and draw header, body (cut to fit) and footer."""
        self.terminal.screen(self.header, body, self.footer, more=more)

    def ensure_file(self) -> None:
        if not self.path().exists():
            from mlkata.cli.problems import start_cmd

            with self.terminal.console().capture():  # its "wrote …" would scroll: the screen says it
                start_cmd.callback(self.current, False)
            self._remember(self.current)

    def _remember(self, pid: str) -> None:
        """The file's current content counts as seen: its own save event is not a change."""
        try:
            self.last_hash[pid] = hashlib.sha256(self.path(pid).read_bytes()).hexdigest()
        except OSError:
            pass

    # -- actions ------------------------------------------------------------------------------
    def judge(self, force: bool = False) -> None:
        from mlkata.judge import warm
        from mlkata.judge.core import judge
        from mlkata.study.checks import record_check

        p = self.bank.get(self.current)
        path = self.path()
        esc = self.terminal.escape
        if not path.is_file():
            self.draw(lambda: self.terminal.paragraph(f"[yellow]no file at {esc(str(path))}: press r to write the starter[/]"))
            return
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if not force and self.last_hash.get(p.id) == digest:
            return  # saved without a change: the verdict on screen is still right
        self.last_hash[p.id] = digest
        source = data.decode("utf-8", errors="replace")
        problem_line = parse_error(source, path.name)
        if problem_line is not None:  # mid-edit: not an attempt, nothing recorded
            self.draw(lambda: self.terminal.paragraph(
                f"[yellow]… not judged yet: {esc(path.name)} does not parse ({esc(problem_line)}).[/]\n"
                f"[dim]Finish the edit and save again; nothing was recorded.[/]"))
            return
        self.draw(lambda: self.terminal.print("[dim]checking…[/]"))
        warm.enable()
        result = judge(p, source, str(path.resolve()))
        try:
            with store() as conn:
                rec = record_check(conn, p, result, source)
            warnings, due, note = rec.warnings, rec.cards_due, rec.note
        except Exception as exc:  # the verdict still reaches the user
            warnings, due, note = [f"this attempt was not recorded: {exc}"], [], None
        key = (result.status, result.diagnosis.id if result.diagnosis else None)
        repeated = self.last_verdict.get(p.id) == key and result.diagnosis is not None and not result.passed
        self.last_verdict[p.id] = key

        def body() -> None:
            self.terminal.render_result(result, title=f"{p.id} — {p.title}", compact=True, seen_before=repeated)
            para = self.terminal.paragraph
            for warning in warnings:
                para(f"[yellow]warning: {esc(warning)}[/]", hang=len("warning: "))
            if result.passed:
                para("[green]next:[/] n for the next problem" + (f" · {len(due)} related card(s) due: mlkata review" if due else ""),
                     hang=len("next: "))
            elif due:
                para(f"[dim]{len(due)} related card(s) are due now: mlkata review[/]")
            if note:
                para(f"[dim]{esc(note)}[/]")

        self.draw(body)

    def switch(self, pid: str) -> None:
        from mlkata.judge import warm

        self.current = pid
        self.ensure_file()
        self._remember(pid)  # show the statement; the next save (a change) is judged
        try:  # the worker that will judge this file: torch too when the file imports it
            source = self.path().read_text(encoding="utf-8", errors="replace")
        except OSError:
            source = ""
        warm.enable().prewarm([warm.preimport_for(self.bank.get(pid), source)])
        p = self.bank.get(pid)
        from mlkata.judge.core import prepare_in_background

        prepare_in_background(p)  # a problem too heavy to ship its cases builds them meanwhile
        self.draw(lambda: self.terminal.markdown(p.statement), more=f"mlkata show {p.id} for the rest")

    def next_problem(self) -> None:
        i = self.order.index(self.current)
        self.switch(self.order[(i + 1) % len(self.order)])

    def hint(self) -> None:
        from mlkata.cli.problems import hint_cmd

        self.draw(lambda: hint_cmd.callback(self.current, None), more=f"mlkata hint {self.current} --level N")

    def listing(self) -> None:
        """The problems on one screen: status marker and id, in columns (the current one bold)."""
        from mlkata.study.log import status_of
        from mlkata.study.progress import MARKERS

        with store() as conn:
            status = {pid: status_of(conn, pid)[0] for pid in self.order}

        def body() -> None:
            from rich.columns import Columns

            short = {pid: pid if len(pid) <= 22 else pid[:21] + "…" for pid in self.order}  # three columns at 80
            cells = [(f"[bold reverse]{short[pid]}[/]" if pid == self.current else short[pid]) for pid in self.order]
            cells = [f"{MARKERS.get(status[pid], '·') or '·'} {c}" for pid, c in zip(self.order, cells)]
            self.terminal.print("[bold]problems[/] [dim](✅ fluent ⚠️ shaky ❌ unknown · new; save a file to switch)[/]")
            self.terminal.print(Columns(cells, column_first=True, padding=(0, 2)))

        self.draw(body, more="mlkata list for the full table")

    def reset(self, keys: _Keys) -> None:
        from mlkata.cli.problems import start_cmd

        self.terminal.print(f"[bold yellow]reset {self.terminal.escape(self.path().name)} to the starter? "
                            f"Your edits are lost. \\[y/N][/]")
        answer = keys.read().strip().lower()
        if answer.startswith("y"):
            with self.terminal.console().capture() as cap:
                start_cmd.callback(self.current, True)  # exactly `mlkata start --force`
            self._remember(self.current)
            said = cap.get().strip().splitlines()[:1]
            self.draw(lambda: self.terminal.print(self.terminal.escape(said[0] if said else "wrote the starter")
                                                  + "\n[dim]the starter is not judged until you save a change[/]"))
        else:
            self.draw(lambda: self.terminal.print("[dim]kept your file[/]"))

    def on_change(self, path: str) -> None:
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return
        pid = self.by_file.get(rel)
        if pid is None:
            return
        self.current = pid
        self.judge()


def settle(events: queue.Queue, wake: int, quiet_ms: int) -> list:
    """Collect events until none has arrived for `quiet_ms`: a burst of saves (an editor's
    write-rename, a formatter on save) becomes one judgement of the final content."""
    import time

    items: list = []
    deadline = time.monotonic() + quiet_ms / 1000
    while True:
        while not events.empty():
            items.append(events.get())
            deadline = time.monotonic() + quiet_ms / 1000
        left = deadline - time.monotonic()
        if left <= 0:
            return items
        ready, _, _ = select.select([wake], [], [], left)
        if ready:
            os.read(wake, 4096)


@click.command("watch")
@click.argument("problem_id", required=False, shell_complete=complete_problem)
@click.option("--poll", is_flag=True, help="Poll the workspace for changes (where file events do not arrive).")
@click.option("--debounce", type=click.IntRange(0, 5000), default=200, show_default=True,
              help="Milliseconds to wait for a burst of saves to settle.")
def watch_cmd(problem_id: str | None, poll: bool, debounce: int) -> None:
    """Re-judge a problem every time you save its file, with the verdict shown in place.

    Keys: n next problem, h hint, l list, r reset your file (asks first), Enter re-run,
    q quit. Saving another problem's file switches to it. Without ID, the next problem
    you have not mastered.

    Example: mlkata watch softmax
    """
    from mlkata.judge import warm

    if problem_id is None:
        problem_id = _next_problem_id()
    else:
        problem_id = problem(problem_id).id  # a prefix, lc3 or initials name the same problem
    session = Session(problem_id, poll)
    events: queue.Queue = queue.Queue()
    wake_r, wake_w = os.pipe()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_thread, args=(session.root, poll, debounce, events, wake_w, stop),
                               daemon=True)
    keys = _Keys()
    try:
        fresh = not session.path().exists()
        session.ensure_file()
        watcher.start()
        if fresh:  # a starter just written: its statement, not a failing verdict
            session.switch(problem_id)
        else:
            session.judge(force=True)
        while True:
            fds = [wake_r] + ([keys.fd] if keys.fd is not None else [])
            ready, _, _ = select.select(fds, [], [])
            if wake_r in ready:
                os.read(wake_r, 4096)
                changed: list[str] = []
                for item in settle(events, wake_r, debounce):
                    if isinstance(item, Exception):
                        session.terminal.print(f"[yellow]file events unavailable ({item}); press Enter to "
                                               f"re-run, or restart with --poll[/]")
                    elif item not in changed:
                        changed.append(item)
                for path in changed:
                    session.on_change(path)
            if keys.fd is not None and keys.fd in ready:
                for key in keys.read():
                    if key in "qQ":
                        return
                    if key in "\r\n":
                        session.judge(force=True)
                    elif key in "nN":
                        session.next_problem()
                    elif key in "hH":
                        session.hint()
                    elif key in "lL":
                        session.listing()
                    elif key in "rR":
                        session.reset(keys)
    except KeyboardInterrupt:
        pass
    finally:
        keys.restore()
        stop.set()
        warm.disable()
        session.terminal.print("")


def _next_problem_id() -> str:
    from mlkata.study.progress import all_progress

    b = bank()
    with store() as conn:
        prog = all_progress(conn, list(b.problems))
    nxt = next((p for p in b.ordered() if prog[p.id].status in ("unknown", "shaky")), None) or \
        next((p for p in b.ordered() if prog[p.id].status == "new"), None) or b.ordered()[0]
    return nxt.id
