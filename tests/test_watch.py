"""`mlkata watch` in a real pseudo-terminal: save a file, see the verdict, use the keys."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time

import pytest

from mlkata.bank import load_bank

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


class Pty:
    def __init__(self, args: list[str], env: dict[str, str]):
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.seen = b""

    def expect(self, pattern: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        start = len(self.seen)
        while time.monotonic() < deadline:
            text = ANSI.sub(b"", self.seen[start:]).decode("utf-8", "replace")
            if re.search(pattern, text):
                return text
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    break
                self.seen += chunk
        raise AssertionError(f"{pattern!r} not seen; output was:\n"
                             + ANSI.sub(b"", self.seen[start:]).decode("utf-8", "replace")[-3000:])

    def _drain(self) -> None:
        while select.select([self.master], [], [], 0.1)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk

    def send(self, text: str) -> None:
        self._drain()
        self.seen = b""  # expectations after a key press look at what follows it
        os.write(self.master, text.encode())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)


def _save(path, text: str) -> None:
    """Write like an editor, with an mtime that a polling watcher cannot miss."""
    old = path.stat().st_mtime if path.exists() else time.time()
    path.write_text(text)
    stamp = max(time.time(), old + 2)
    os.utime(path, (stamp, stamp))


@pytest.fixture
def env(mlkata_dirs):
    e = dict(os.environ, COLUMNS="120", TERM="xterm")
    e.pop("NO_COLOR", None)
    return e


@pytest.mark.parametrize("flags", [[], ["--poll"]], ids=["file-events", "poll"])
def test_watch_judges_on_save_and_answers_keys(env, mlkata_dirs, flags):
    p = load_bank().get("softmax")
    target = mlkata_dirs["workspace"] / p.filename
    term = Pty([sys.executable, "-m", "mlkata", "watch", "softmax", *flags], env)
    try:
        term.expect(r"save to check")                    # the starter was written, its statement shown
        assert target.read_text() == p.starter_path.read_text()
        term.send("")
        time.sleep(0.5)
        _save(target, p.solution_path.read_text())  # the candidate saves a correct answer
        term.expect(r"PASS softmax")
        wrong = next(m for m in p.mistakes if m.id == "no-max-shift")
        term.send("")
        _save(target, wrong.path.read_text())
        term.expect(r"Looks like softmax without subtracting the row max")
        term.send("h")
        term.expect(r"hint 1/3")
        term.send("r")
        term.expect(r"\[y/N\]")
        term.send("n")
        term.expect(r"kept your file")
        assert target.read_text() == wrong.path.read_text()
        term.send("r")
        term.expect(r"\[y/N\]")
        term.send("y")
        term.expect(r"wrote ")
        assert target.read_text() == p.starter_path.read_text()
        term.send("\r")                                  # manual re-run
        term.expect(r"ERROR softmax|FAIL softmax")
        term.send("q")
        assert term.proc.wait(timeout=30) == 0
    finally:
        term.close()


def frames(raw: bytes) -> list[str]:
    """The screens drawn: what follows each clear-screen sequence."""
    return [ANSI.sub(b"", f).decode("utf-8", "replace") for f in raw.split(b"\x1b[2J")[1:]]


def test_watch_at_80x24_redraws_in_place_debounces_and_skips_unparsable_saves(env, mlkata_dirs):
    import sqlite3

    env = dict(env, COLUMNS="80", LINES="24")
    bank = load_bank()
    p = bank.get("softmax")
    order = [q.id for q in bank.ordered()]
    following = bank.get(order[(order.index("softmax") + 1) % len(order)])
    target = mlkata_dirs["workspace"] / p.filename
    term = Pty([sys.executable, "-m", "mlkata", "watch", "softmax"], env)
    everything = b""
    try:
        term.expect(r"save to check")
        wrong = next(m for m in p.mistakes if m.id == "no-max-shift")
        term.send("")
        _save(target, wrong.path.read_text())
        term.expect(r"Looks like softmax without subtracting the row max")
        everything += term.seen
        term.send("")
        _save(target, wrong.path.read_text() + "\n# still the same idea\n")
        out = term.expect(r"still looks like softmax without subtracting the row max")
        assert "Looks like" not in out                   # the explanation is not repeated
        everything += term.seen
        term.send("")
        _save(target, "def softmax(x:\n")               # mid-edit: does not parse
        term.expect(r"not judged yet: .*does not parse")
        everything += term.seen
        # a burst of saves (an editor's write, then a formatter): one judgement, of the last
        term.send("")
        target.write_text(wrong.path.read_text())
        target.write_text(p.solution_path.read_text())
        _save(target, p.solution_path.read_text())
        term.expect(r"PASS softmax")
        time.sleep(1.5)
        term._drain()
        everything += term.seen
        term.send("l")                                   # the list: one short screen
        term.expect(r"problems .*save a file to switch")
        everything += term.seen
        term.send("n")                                   # the next problem's statement
        term.expect("(?s)" + re.escape(following.title.split(" (")[0]) + ".*save to check")
        everything += term.seen
        term.send("q")
        assert term.proc.wait(timeout=30) == 0
    finally:
        term.close()
    conn = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db")
    statuses = [r[0] for r in conn.execute("SELECT status FROM attempts WHERE problem='softmax' ORDER BY id")]
    assert statuses == ["fail", "fail", "pass"], statuses   # no attempt for the unparsable save nor the burst
    for screen in frames(everything):
        lines = screen.rstrip("\n").split("\n")
        assert len(lines) <= 23, screen                    # never scrolls an 80×24 terminal


def test_watch_takes_a_shortened_id(env, mlkata_dirs):
    term = Pty([sys.executable, "-m", "mlkata", "watch", "softm"], env)
    try:
        term.expect(r"(?s)mlkata watch · softmax .*save to check")
        term.send("q")
        assert term.proc.wait(timeout=30) == 0
    finally:
        term.close()
