"""`mlkata list` and `mlkata log` on a small terminal: taller than the screen, they go through a
pager as git's output does; piped, they are printed whole and plain; short, they are printed."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlkata.bank import load_bank

BANK = load_bank()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def pager(tmp_path) -> Path:
    """A pager that records what it was given and the LESS it saw, and shows nothing."""
    script = tmp_path / "pager.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$LESS" > {tmp_path}/less\ncat > {tmp_path}/paged\n')
    script.chmod(0o755)
    return script


def run_on_terminal(args: list[str], env: dict[str, str], timeout: float = 60) -> str:
    """`mlkata ARGS` with a pseudo-terminal of 80×24 as stdin and stdout; what it wrote there."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "TERM": "xterm-256color", **env}
    env = {k: v for k, v in env.items() if v is not None}  # None: not set at all
    proc = subprocess.Popen([sys.executable, "-m", "mlkata", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=env, close_fds=True)
    os.close(slave)
    out = b""
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        assert proc.wait(timeout=10) == 0, out[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return ANSI.sub("", out.decode("utf-8", "replace"))


def ids_in(text: str) -> set[str]:
    return {w for line in text.splitlines() for w in line.split()[:1] if w in BANK.problems}


def test_a_list_taller_than_the_terminal_goes_through_the_pager(tmp_path, pager):
    shown = run_on_terminal(["list"], {"MLKATA_PAGER": str(pager), "LESS": None})
    paged = ANSI.sub("", (tmp_path / "paged").read_text())
    assert ids_in(paged) == set(BANK.problems)           # the whole list, to the pager
    assert (tmp_path / "less").read_text() == "FRX"       # git's defaults: colours, no clear, quit if short
    assert not ids_in(shown)                             # nothing printed past it
    assert "\x1b[" in (tmp_path / "paged").read_text()   # colours kept for the pager (less -R)


def test_pager_choice_follows_git(tmp_path, pager):
    other = tmp_path / "other.sh"
    other.write_text(f"#!/bin/sh\ncat > {tmp_path}/other\n")
    other.chmod(0o755)
    # $PAGER when MLKATA_PAGER is not set; MLKATA_PAGER wins over it; a LESS of the user's is left alone
    run_on_terminal(["log", "--all"], {"MLKATA_PAGER": None, "PAGER": str(pager), "LESS": "-R"})
    assert "softmax" in ids_in(ANSI.sub("", (tmp_path / "paged").read_text())) and (tmp_path / "less").read_text() == "-R"
    run_on_terminal(["list"], {"MLKATA_PAGER": str(other), "PAGER": str(pager)})
    assert ids_in(ANSI.sub("", (tmp_path / "other").read_text())) == set(BANK.problems)


@pytest.mark.parametrize("how", ["--no-pager", "MLKATA_PAGER=cat"])
def test_no_pager_prints_everything(tmp_path, pager, how):
    env = {"PAGER": str(pager)} | ({"MLKATA_PAGER": "cat"} if how.startswith("MLKATA") else {})
    shown = run_on_terminal(["list"] + (["--no-pager"] if how == "--no-pager" else []), env)
    assert ids_in(shown) == set(BANK.problems)
    assert not (tmp_path / "paged").exists()


def test_short_output_is_printed_without_a_pager(tmp_path, pager):
    shown = run_on_terminal(["list", "--topic", "attention"], {"MLKATA_PAGER": str(pager)})
    assert ids_in(shown) == {p.id for p in BANK.problems.values() if p.topic == "attention"}
    assert not (tmp_path / "paged").exists()


def test_piped_output_is_plain_and_complete(tmp_path, pager):
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "MLKATA_PAGER": str(pager)}
    for args in (["list"], ["log", "--all"]):
        out = subprocess.run([sys.executable, "-m", "mlkata", *args], env=env, capture_output=True,
                             text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert out.returncode == 0, out.stderr
        assert "\x1b[" not in out.stdout
        if args[0] == "list":
            assert ids_in(out.stdout) == set(BANK.problems)
        else:  # title, header, a row per problem (LeetCode ones named "LC n"), caption
            assert "softmax" in ids_in(out.stdout) and len(out.stdout.splitlines()) == len(BANK.problems) + 3
    assert not (tmp_path / "paged").exists()


@pytest.mark.parametrize("args", [["show", "softmax"], ["cards", "sheet-questions"], ["demo", "scaling"]])
def test_a_long_statement_deck_or_demo_is_paged_too(tmp_path, pager, args):
    shown = run_on_terminal(args, {"MLKATA_PAGER": str(pager)})
    paged = ANSI.sub("", (tmp_path / "paged").read_text())
    assert len(paged.splitlines()) > 24 and len(shown.strip().splitlines()) <= 1
