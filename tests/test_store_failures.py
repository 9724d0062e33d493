"""Storage failures are one line on stderr, exit status 1, and leave the user's data as it was.

Migrations are atomic (a failure or a kill half-way leaves nothing behind); a database written
by a newer mlkata, a locked, read-only, full, or not-a-database file, a home/workspace/cache path
that is a file, a bad --png / export path, a full standard output: each through the CLI.
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlkata.store import StoreError, connect
from mlkata.store import db as store_db


def _one_line_error(result) -> str:
    """The CLI failed cleanly: status 1, no traceback, exactly one line on stderr; returns it."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _note(home: Path, entry: str = "softmax") -> str | None:
    conn = sqlite3.connect(home / "mlkata.db")
    try:
        row = conn.execute("SELECT text FROM log_notes WHERE entry = ?", (entry,)).fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _env(dirs) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MLKATA_HOME=str(dirs["home"]), MLKATA_WORKSPACE=str(dirs["workspace"]),
               MLKATA_CACHE=str(dirs["cache"]))
    env.pop("MLKATA_DEBUG", None)
    return env


# -- migrations ---------------------------------------------------------------------------------

def test_a_migration_that_fails_half_way_leaves_nothing_and_runs_again(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    connect(path).close()  # the released schema
    fail = {"now": True}

    def m999_half(conn):
        conn.execute("CREATE TABLE half (x INTEGER)")
        conn.execute("INSERT INTO half VALUES (1)")
        if fail["now"]:
            raise RuntimeError("injected failure between two statements")
        conn.execute("CREATE INDEX half_x ON half(x)")

    monkeypatch.setattr(store_db, "MIGRATIONS", [*store_db.MIGRATIONS, ("m999_half", m999_half)])
    with pytest.raises(RuntimeError, match="injected"):
        connect(path)
    raw = sqlite3.connect(path)
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables  # the DDL was rolled back with the rest
    assert "m999_half" not in {r[0] for r in raw.execute("SELECT name FROM _migrations")}
    raw.close()
    fail["now"] = False
    conn = connect(path)
    assert [tuple(r) for r in conn.execute("SELECT x FROM half")] == [(1,)]
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")} >= {"half_x"}
    conn.close()


KILLED_MIGRATION = textwrap.dedent("""
    import os, signal, sys
    from mlkata.store import db
    from mlkata.store import migrations  # noqa: F401  (the released ones first)

    @db.migration
    def m999_half(conn):
        conn.execute("CREATE TABLE half (x INTEGER)")
        if sys.argv[2] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        conn.execute("CREATE INDEX half_x ON half(x)")

    db.connect(sys.argv[1]).close()
""")


def test_a_migration_killed_half_way_leaves_the_database_openable(tmp_path):
    path = tmp_path / "x.db"
    run = [sys.executable, "-c", KILLED_MIGRATION, str(path)]
    killed = subprocess.run([*run, "kill"], capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    conn = connect(path)  # this code does not know m999_half: nothing of it may remain
    assert "half" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    again = subprocess.run([*run, "live"], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM _migrations WHERE name='m999_half'").fetchone()[0] == 1
    conn.close()
    # and now the database is newer than this code: refused, untouched
    before = _digest(path)
    with pytest.raises(StoreError, match="newer mlkata.*m999_half"):
        connect(path)
    assert _digest(path) == before


def test_a_migration_that_ends_its_own_transaction_is_refused(tmp_path, monkeypatch):
    def m999_script(conn):
        conn.executescript("CREATE TABLE t (x); CREATE TABLE u (y);")

    monkeypatch.setattr(store_db, "MIGRATIONS", [*store_db.MIGRATIONS, ("m999_script", m999_script)])
    with pytest.raises(RuntimeError, match="m999_script ended its transaction"):
        connect(tmp_path / "x.db")


def test_concurrent_first_opens_apply_each_migration_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "x.db"

    def open_close(_):
        connect(path).close()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(open_close, range(4)))
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
    assert names == [name for name, _ in store_db.MIGRATIONS]
    conn.close()


# -- the database file ------------------------------------------------------------------------

def test_a_database_from_a_newer_mlkata_is_refused_untouched(mlkata, mlkata_dirs):
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    path = mlkata_dirs["home"] / "mlkata.db"
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("INSERT INTO _migrations VALUES ('m900_from_the_future', '2030-01-01T00:00:00Z')")
    raw.close()
    gc.collect()  # closes the in-process connection: its WAL is folded into the file, as when a real mlkata exits
    assert sorted(p.name for p in path.parent.iterdir()) == ["mlkata.db"]
    before = _digest(path)
    line = _one_line_error(mlkata("log", "note", "softmax", "second"))
    assert "newer mlkata" in line and "m900_from_the_future" in line and str(path) in line
    assert _digest(path) == before
    assert _note(mlkata_dirs["home"]) == "first"


def test_a_file_that_is_not_a_database_is_left_untouched(mlkata, mlkata_dirs):
    home = mlkata_dirs["home"]
    home.mkdir(parents=True)
    path = home / "mlkata.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = _digest(path)
    line = _one_line_error(mlkata("list"))
    assert "not an SQLite database" in line and str(path) in line
    assert _digest(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["mlkata.db"]


def test_a_locked_database_is_one_line_and_loses_nothing(mlkata, mlkata_dirs, monkeypatch):
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    other.execute("INSERT INTO log_notes VALUES ('rms-norm', 'theirs', 'now')")
    try:
        line = _one_line_error(mlkata("log", "note", "softmax", "second"))
    finally:
        other.execute("COMMIT")
        other.close()
    assert "locked" in line
    assert _note(mlkata_dirs["home"]) == "first"
    assert _note(mlkata_dirs["home"], "rms-norm") == "theirs"
    assert mlkata("log", "note", "softmax", "third").exit_code == 0  # once released, it works
    assert _note(mlkata_dirs["home"]) == "third"


def test_a_locked_database_during_a_migration_is_one_line(mlkata, mlkata_dirs, monkeypatch):
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT", 0.2)
    monkeypatch.setattr(store_db, "MIGRATIONS",
                        [*store_db.MIGRATIONS, ("m999_new", lambda c: c.execute("CREATE TABLE new (x)"))])
    other = sqlite3.connect(mlkata_dirs["home"] / "mlkata.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        line = _one_line_error(mlkata("list"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "locked" in line
    assert mlkata("list").exit_code == 0  # applied once the lock is gone
    assert _note(mlkata_dirs["home"]) == "first"


def test_a_read_only_database_is_one_line_and_loses_nothing(mlkata, mlkata_dirs, monkeypatch):
    # as root, file permissions do not stop writes: SQLite opening the file read-only (what it does
    # with a file it may not write) gives the same errors
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    real = sqlite3.connect

    def read_only(database, *args, **kwargs):
        return real(Path(database).as_uri() + "?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(store_db.sqlite3, "connect", read_only)
    assert mlkata("list").exit_code == 0  # reading still works
    line = _one_line_error(mlkata("log", "note", "softmax", "second"))
    assert "read-only" in line and str(mlkata_dirs["home"] / "mlkata.db") in line
    monkeypatch.setattr(store_db.sqlite3, "connect", real)
    assert _note(mlkata_dirs["home"]) == "first"


def _unprivileged() -> list[str]:
    """A command prefix that runs without the power to write read-only files (root ignores modes):
    nothing as an ordinary user, a user namespace (uid 1000, no capabilities) as root."""
    if os.geteuid() != 0:
        return []
    prefix = ["unshare", "--user", "--map-user=1000", "--map-group=1000"]
    try:
        probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("running as root without `unshare`: modes cannot make a file read-only")
    if probe.returncode != 0:
        pytest.skip("running as root without user namespaces: modes cannot make a file read-only")
    return prefix


@pytest.mark.parametrize("layout", ["file and folder read-only", "file read-only", "folder read-only"])
def test_a_read_only_database_file_or_folder_is_one_line(mlkata, mlkata_dirs, layout):
    prefix = _unprivileged()
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    gc.collect()  # closes the in-process connection: its WAL files go, as when a real mlkata exits
    home = mlkata_dirs["home"]
    db_file = home / "mlkata.db"
    assert sorted(p.name for p in home.iterdir()) == ["mlkata.db"]
    before = _digest(db_file)
    if layout != "folder read-only":
        db_file.chmod(0o444)
    if layout != "file read-only":
        home.chmod(0o555)
    try:
        out = subprocess.run([*prefix, sys.executable, "-m", "mlkata", "log", "note", "softmax", "second"],
                             env=_env(mlkata_dirs), capture_output=True, text=True, timeout=300)
    finally:
        home.chmod(0o755)
        db_file.chmod(0o644)
    line = _clean_failure(out)
    assert str(db_file) in line and "read-only" in line
    assert _digest(db_file) == before
    assert _note(home) == "first"


def test_a_full_database_is_one_line_and_loses_nothing(mlkata, mlkata_dirs, monkeypatch):
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    from mlkata import store as store_pkg

    real = store_pkg.connect

    def no_room(path=None):  # SQLite's own "database or disk is full", once the file may not grow
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_pkg, "connect", no_room)
    line = _one_line_error(mlkata("log", "note", "softmax", "x" * 50_000))
    assert "is full" in line
    monkeypatch.setattr(store_pkg, "connect", real)
    assert _note(mlkata_dirs["home"]) == "first"


FILE_SIZE_LIMIT = textwrap.dedent("""
    import resource, runpy, signal, sys
    limit = int(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.argv = ["mlkata", *sys.argv[2:]]
    runpy.run_module("mlkata", run_name="__main__")
""")


def _limited(dirs, limit: int, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", FILE_SIZE_LIMIT, str(limit), *args], env=_env(dirs),
                          capture_output=True, text=True, timeout=300, **kwargs)


def _clean_failure(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 1, (out.returncode, out.stderr[-2000:])
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def test_a_disk_that_fills_during_a_write_loses_nothing(mlkata, mlkata_dirs):
    assert mlkata("log", "note", "softmax", "first").exit_code == 0
    line = _clean_failure(_limited(mlkata_dirs, 60_000, "log", "note", "softmax", "y" * 100_000))
    assert str(mlkata_dirs["home"] / "mlkata.db") in line
    assert _note(mlkata_dirs["home"]) == "first"
    assert mlkata("log", "note", "softmax", "after").exit_code == 0  # the database still works
    assert _note(mlkata_dirs["home"]) == "after"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_output_is_one_line(mlkata_dirs):
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "mlkata", "log", "--export", "md"], env=_env(mlkata_dirs),
                             stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    line = _clean_failure(out)
    assert "full" in line


# -- folders ------------------------------------------------------------------------------------

def test_a_home_that_is_a_file_is_one_line(mlkata, mlkata_dirs, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "home-file"
    not_a_folder.write_text("mine\n")
    monkeypatch.setenv("MLKATA_HOME", str(not_a_folder))
    line = _one_line_error(mlkata("list"))
    assert str(not_a_folder) in line and "MLKATA_HOME" in line
    assert not_a_folder.read_text() == "mine\n"


def test_a_workspace_under_a_file_is_one_line(mlkata, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "ws-file"
    not_a_folder.write_text("mine\n")
    monkeypatch.setenv("MLKATA_WORKSPACE", str(not_a_folder / "sub"))
    line = _one_line_error(mlkata("start", "softmax"))
    assert str(not_a_folder / "sub") in line and "MLKATA_WORKSPACE" in line
    assert not_a_folder.read_text() == "mine\n"


def test_a_cache_that_is_a_file_is_one_line(mlkata, tmp_path, monkeypatch):
    assert mlkata("start", "softmax").exit_code == 0
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("mine\n")
    monkeypatch.setenv("MLKATA_CACHE", str(not_a_folder))
    from mlkata.judge import core

    monkeypatch.setattr(core, "_LOADED", {})  # cases loaded by earlier tests must not hide the cache
    line = _one_line_error(mlkata("check", "softmax"))
    assert str(not_a_folder) in line and "cache folder" in line
    assert not_a_folder.read_text() == "mine\n"


# -- files written on request -------------------------------------------------------------------

@pytest.mark.parametrize("command", [["stats", "--no-plot", "--png"], ["demo", "lora", "--no-plot", "--png"],
                                     ["export", "anki"]])
def test_an_output_path_in_a_missing_or_file_folder_is_one_line(mlkata, tmp_path, command):
    missing = tmp_path / "no-such-folder" / "out.bin"
    line = _one_line_error(mlkata(*command, str(missing)))
    assert str(missing) in line and "does not exist" in line
    a_file = tmp_path / "a-file"
    a_file.write_text("mine\n")
    line = _one_line_error(mlkata(*command, str(a_file / "out.bin")))
    assert str(a_file / "out.bin") in line and "is a file" in line
    assert a_file.read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("home", "ws"))) == ["a-file"]


def test_a_png_cut_short_by_a_full_disk_leaves_the_old_file(mlkata, mlkata_dirs, tmp_path):
    target = tmp_path / "out" / "stats.png"
    target.parent.mkdir()
    assert mlkata("stats", "--no-plot", "--png", str(target)).exit_code == 0
    before = _digest(target)
    limit = target.stat().st_size // 2  # a limit the new PNG (of the same size) cannot fit in
    line = _clean_failure(_limited(mlkata_dirs, limit, "stats", "--days", "60", "--no-plot", "--png", str(target)))
    assert str(target) in line
    assert _digest(target) == before
    assert [p.name for p in target.parent.iterdir()] == ["stats.png"]  # no temporary file left


def test_a_png_with_another_extension_is_still_a_png(mlkata, tmp_path):
    target = tmp_path / "stats.txt"
    assert mlkata("stats", "--no-plot", "--png", str(target)).exit_code == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_output_path_that_is_a_pipe_is_written_in_place(mlkata, tmp_path):
    import select
    import threading

    fifo = tmp_path / "pipe.apkg"
    os.mkfifo(fifo)
    rfd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # neither end blocks, whatever the command does
    wfd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # no end-of-file before the command has written
    got, done = bytearray(), threading.Event()

    def drain():
        while True:
            ready, _, _ = select.select([rfd], [], [], 0.1)
            if ready:
                chunk = os.read(rfd, 1 << 16)
                if not chunk:
                    return
                got.extend(chunk)
            elif done.is_set():
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        result = mlkata("export", "anki", str(fifo))
    finally:
        os.close(wfd)
        done.set()
        reader.join(timeout=30)
        os.close(rfd)
    assert result.exit_code == 0, result.output
    assert bytes(got[:2]) == b"PK"  # the zip went through the pipe
    assert fifo.is_fifo()  # not replaced by a regular file
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("home", "ws"))) == ["pipe.apkg"]


def test_an_output_path_that_is_a_symlink_writes_its_target(mlkata, tmp_path):
    real = tmp_path / "real" / "deck.apkg"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.apkg"
    link.symlink_to(real)
    assert mlkata("export", "anki", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_bytes()[:2] == b"PK"


def test_mlkata_debug_keeps_the_traceback(mlkata, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "home-file"
    not_a_folder.write_text("mine\n")
    monkeypatch.setenv("MLKATA_HOME", str(not_a_folder))
    monkeypatch.setenv("MLKATA_DEBUG", "1")
    with pytest.raises(StoreError, match="home folder"):
        mlkata("list")
