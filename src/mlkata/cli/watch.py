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

from mlkata.cli.common import bank, problem, store

KEYS = "[bold]n[/] next  [bold]h[/] hint  [bold]l[/] list  [bold]r[/] reset  [bold]Enter[/] re-run  [bold]q[/] quit"


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


class Session:
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

    # -- actions ------------------------------------------------------------------------------
    def path(self, pid: str | None = None) -> Path:
        return self.root / self.bank.get(pid or self.current).filename

    def ensure_file(self) -> None:
        if not self.path().exists():
            from mlkata.cli.problems import start_cmd

            start_cmd.callback(self.current, False)

    def header(self) -> None:
        p = self.bank.get(self.current)
        mode = "polling" if self.poll else "watching"
        self.terminal.print(f"[bold]mlkata watch[/] — {p.id}: {self.terminal.escape(p.title)} ({p.level}) — "
                            f"{mode} [cyan]{self.terminal.escape(str(self.path()))}[/]")

    def footer(self) -> None:
        self.terminal.print(f"[dim]save the file to check it · {KEYS}[/]")

    def judge(self, force: bool = False) -> None:
        from mlkata.judge import warm
        from mlkata.judge.core import judge
        from mlkata.study.checks import record_check

        p = self.bank.get(self.current)
        path = self.path()
        if not path.is_file():
            self.terminal.print(f"[yellow]no file at {self.terminal.escape(str(path))}: press r to write the starter[/]")
            return
        source = path.read_bytes().decode("utf-8", errors="replace")
        digest = hashlib.sha256(source.encode()).hexdigest()
        if not force and self.last_hash.get(p.id) == digest:
            return  # saved without a change: the verdict on screen is still right
        self.last_hash[p.id] = digest
        self.terminal.console().clear()
        self.header()
        self.terminal.print("[dim]checking…[/]")
        warm.enable()
        result = judge(p, source, str(path.resolve()))
        try:
            with store() as conn:
                rec = record_check(conn, p, result, source)
            warnings, due, note = rec.warnings, rec.cards_due, rec.note
        except Exception as exc:  # the verdict still reaches the user
            warnings, due, note = [f"this attempt was not recorded: {exc}"], [], None
        self.terminal.console().clear()
        self.header()
        self.terminal.render_result(result, title=f"{p.id} — {p.title}")
        for warning in warnings:
            self.terminal.print(f"[yellow]warning: {self.terminal.escape(warning)}[/]")
        if due:
            self.terminal.print(f"[dim]{len(due)} related card(s) are due now: mlkata review[/]")
        if note:
            self.terminal.print(f"[dim]{self.terminal.escape(note)}[/]")
        self.footer()

    def switch(self, pid: str) -> None:
        from mlkata.judge import warm

        self.current = pid
        self.ensure_file()
        try:  # the worker that will judge this file: torch too when the file imports it
            source = self.path().read_text(encoding="utf-8", errors="replace")
        except OSError:
            source = ""
        warm.enable().prewarm([warm.preimport_for(self.bank.get(pid), source)])
        self.terminal.console().clear()
        self.header()
        p = self.bank.get(pid)
        self.terminal.markdown(p.statement)
        self.footer()

    def next_problem(self) -> None:
        i = self.order.index(self.current)
        self.switch(self.order[(i + 1) % len(self.order)])

    def hint(self) -> None:
        from mlkata.cli.problems import hint_cmd

        self.terminal.print("")
        hint_cmd.callback(self.current, None)
        self.footer()

    def listing(self) -> None:
        from mlkata.cli.problems import list_cmd

        self.terminal.print("")
        list_cmd.callback(None, None)
        self.footer()

    def reset(self, keys: _Keys) -> None:
        from mlkata.cli.problems import start_cmd

        self.terminal.print(f"[bold yellow]reset {self.terminal.escape(str(self.path()))} to the starter? "
                            f"Your edits are lost. \\[y/N][/]")
        answer = keys.read().strip().lower()
        if answer.startswith("y"):
            start_cmd.callback(self.current, True)  # exactly `mlkata start --force`
            self.last_hash.pop(self.current, None)
        else:
            self.terminal.print("[dim]kept your file[/]")
        self.footer()

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


@click.command("watch")
@click.argument("problem_id", required=False)
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
        problem(problem_id)
    session = Session(problem_id, poll)
    events: queue.Queue = queue.Queue()
    wake_r, wake_w = os.pipe()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_thread, args=(session.root, poll, debounce, events, wake_w, stop),
                               daemon=True)
    keys = _Keys()
    try:
        session.ensure_file()
        watcher.start()
        session.judge(force=True)
        while True:
            fds = [wake_r] + ([keys.fd] if keys.fd is not None else [])
            ready, _, _ = select.select(fds, [], [])
            if wake_r in ready:
                os.read(wake_r, 4096)
                changed: list[str] = []
                while not events.empty():
                    item = events.get()
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
        session.terminal.print("[dim]bye[/]")


def _next_problem_id() -> str:
    from mlkata.study.progress import all_progress

    b = bank()
    with store() as conn:
        prog = all_progress(conn, list(b.problems))
    nxt = next((p for p in b.ordered() if prog[p.id].status in ("unknown", "shaky")), None) or \
        next((p for p in b.ordered() if prog[p.id].status == "new"), None) or b.ordered()[0]
    return nxt.id
