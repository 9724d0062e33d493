"""Judge integrity, tried as a hostile submission would (issue 12), with harmless canaries only.

Every probe is a submission of the fixture problem `double` that does its job (so the run
passes and its prints come back) and reports what its attack achieved. The tests start their
own tmux server on a private socket, their own listener on 127.0.0.1, their own canary files
in temporary directories, and end only what they started.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mlkata.judge import isolation, landlock

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank"
HAVE_LANDLOCK = landlock.abi_version() >= 1
HAVE_SECCOMP = isolation.seccomp_available()[0]
needs_landlock = pytest.mark.skipif(not HAVE_LANDLOCK, reason="LOUD SKIP: this kernel has no Landlock; "
                                    "`mlkata doctor` reports the layer missing")
needs_seccomp = pytest.mark.skipif(not HAVE_SECCOMP, reason="LOUD SKIP: libseccomp is not available here")


@pytest.fixture(autouse=True)
def fixture_bank(monkeypatch):
    monkeypatch.setenv("MLKATA_BANK", str(FIXTURE_BANK))


def probe(mlkata, tmp_path: Path, body: str, *extra: str) -> tuple[dict, str]:
    """Judge a submission whose import-time code is `body`; returns (result, its prints)."""
    code = "import os, sys\n" + textwrap.dedent(body) + "\n\ndef double(xs):\n    return xs * 2\n"
    path = tmp_path / "probe.py"
    path.write_text(code)
    r = mlkata("check", "double", "--file", str(path), "--json", *extra)
    assert "Traceback (most recent call last)" not in r.output
    result = json.loads(r.output[r.output.index("{"):])
    return result, result.get("output") or ""


# -- 1. the terminal multiplexer and the user's Unix sockets -------------------------------------------

@needs_seccomp
def test_tmux_of_the_user_cannot_be_driven(mlkata, tmp_path, monkeypatch):
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("LOUD SKIP: tmux is not installed (.ci/run installs it)")
    sock = tmp_path / "tmux.sock"
    canary = tmp_path / "tmux-canary"
    subprocess.run([tmux, "-S", str(sock), "new-session", "-d", "-s", "probe", "sleep 60"], check=True,
                   env={"PATH": os.environ["PATH"], "TERM": "xterm"})
    try:
        # the judge runs inside that tmux session, as a user's terminal would
        monkeypatch.setenv("TMUX", f"{sock},{os.getpid()},0")
        result, out = probe(mlkata, tmp_path, f"""
            import subprocess, socket
            print("TMUX env:", os.environ.get("TMUX"))
            r = subprocess.run(["{tmux}", "-S", "{sock}", "run-shell", "touch {canary}"], capture_output=True)
            print("tmux exit:", r.returncode)
            try:
                s = socket.socket(socket.AF_UNIX); s.connect("{sock}"); print("CONNECTED")
            except OSError as e:
                print("connect refused:", type(e).__name__)
        """)
        time.sleep(0.5)
        assert "TMUX env: None" in out
        assert "CONNECTED" not in out and "connect refused" in out
        assert not canary.exists(), "a submission ran a command in the user's tmux session"
    finally:
        subprocess.run([tmux, "-S", str(sock), "kill-server"], capture_output=True)


# -- 2. /dev ------------------------------------------------------------------------------------------------

@needs_landlock
def test_dev_is_limited_to_what_python_needs(mlkata, tmp_path):
    name = f"mlkata-canary-{os.getpid()}"
    result, out = probe(mlkata, tmp_path, f"""
        for path in ("/dev/shm/{name}", "/dev/{name}"):
            try:
                open(path, "w").write("x" * 100); print("WROTE", path)
            except OSError as e:
                print("refused", path, type(e).__name__)
        for path in ("/dev/tty", "/dev/ptmx", "/dev/console"):
            try:
                open(path, "rb", buffering=0); print("OPENED", path)
            except OSError as e:
                print("refused", path)
        with open("/dev/null", "w") as f:
            f.write("fine")
        print("urandom", len(open("/dev/urandom", "rb").read(8)))
        print("stdin is a tty:", os.isatty(0), "session leader:", os.getsid(0) == os.getpid())
    """)
    assert result["status"] == "pass", result
    assert "WROTE" not in out and "OPENED" not in out, out
    assert not os.path.exists(f"/dev/shm/{name}")
    assert "urandom 8" in out
    assert "stdin is a tty: False" in out


@needs_seccomp
def test_no_keystroke_injection_through_tiocsti(mlkata, tmp_path):
    result, out = probe(mlkata, tmp_path, """
        import fcntl, termios
        for fd in (0, 1, 2):
            try:
                fcntl.ioctl(fd, termios.TIOCSTI, b"x"); print("INJECTED", fd)
            except OSError as e:
                print("refused", fd, e.errno)
    """)
    assert "INJECTED" not in out
    assert out.count("refused") == 3


# -- 3. network and secrets ---------------------------------------------------------------------------------

@needs_seccomp
def test_no_network_even_to_loopback(mlkata, tmp_path):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    try:
        result, out = probe(mlkata, tmp_path, f"""
            import socket
            for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX, socket.AF_NETLINK):
                try:
                    s = socket.socket(family, socket.SOCK_STREAM if family != socket.AF_NETLINK else socket.SOCK_RAW)
                    if family == socket.AF_INET:
                        s.connect(("127.0.0.1", {port}))
                    print("SOCKET", family)
                except OSError as e:
                    print("refused", int(family))
        """)
        assert result["status"] == "pass", result
        assert "SOCKET" not in out, out
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody connected
    finally:
        listener.close()


@needs_landlock
def test_secrets_stay_out_of_reach(mlkata, tmp_path, monkeypatch, mlkata_dirs):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "canary-env-secret")
    monkeypatch.setenv("SSH_AUTH_SOCK", str(tmp_path / "agent.sock"))
    monkeypatch.setenv("DISPLAY", ":0")
    secret = tmp_path / "dot-ssh" / "id_canary"
    secret.parent.mkdir()
    secret.write_text("canary-file-secret")
    mlkata_dirs["home"].mkdir(parents=True, exist_ok=True)
    (mlkata_dirs["home"] / "progress.db").write_bytes(b"canary-db")
    result, out = probe(mlkata, tmp_path, f"""
        for key in ("AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "DISPLAY", "MLKATA_HOME", "MLKATA_CACHE"):
            print(key, "=", os.environ.get(key))
        for path in ("{secret}", "{mlkata_dirs['home'] / 'progress.db'}", "/proc/%d/environ" % os.getppid(),
                     "/proc/1/environ", "/etc/shadow"):
            try:
                data = open(path, "rb").read()
                print("READ", path, b"canary" in data)
            except OSError as e:
                print("refused", path)
        try:
            open("{mlkata_dirs['home'] / 'progress.db'}", "ab").write(b"x"); print("WROTE db")
        except OSError:
            print("refused db write")
        print("home listing", end=": ")
        try:
            print(os.listdir("{tmp_path}"))
        except OSError:
            print("refused")
    """)
    assert result["status"] == "pass", result
    assert "canary-env-secret" not in out
    for key in ("AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "DISPLAY", "MLKATA_HOME", "MLKATA_CACHE"):
        assert f"{key} = None" in out, out
    assert "READ" not in out, out
    assert "refused db write" in out
    assert "home listing: refused" in out
    assert (mlkata_dirs["home"] / "progress.db").read_bytes() == b"canary-db"


# -- 4. a forged verdict -------------------------------------------------------------------------------------

FORGE = """
    import gc
    from mlkata.judge.codec import write_message
    job = next(o for o in gc.get_objects() if isinstance(o, dict) and "result_fd" in o and "cases" in o)
    fd, nonce = job["result_fd"], job.get("nonce") if {with_nonce} else "guess"
    for c in job["cases"]:
        write_message(fd, {{"kind": "case", "index": c["index"], "status": "skipped", "message": "", "output": "", "n": nonce}})
    write_message(fd, {{"kind": "done", "n": nonce}})
"""


@pytest.mark.parametrize("with_nonce", [False, True])
def test_forged_results_never_pass_nor_count(mlkata, tmp_path, with_nonce):
    code = FORGE.format(with_nonce=with_nonce)
    result, _ = probe(mlkata, tmp_path, code)
    assert result["status"] == "error", result
    assert "result channel" in (result["message"] or "")
    log = mlkata("log", "--export", "md").output
    assert "✅" not in log


def test_a_case_reported_twice_or_out_of_order_is_an_error(mlkata, tmp_path):
    # forged from inside the entry point, while a case is running
    path = tmp_path / "dup.py"
    path.write_text(textwrap.dedent("""
        import gc
        from mlkata.judge.codec import write_message

        def double(xs):
            job = next(o for o in gc.get_objects() if isinstance(o, dict) and "result_fd" in o and "cases" in o)
            for c in job["cases"]:
                write_message(job["result_fd"], {"kind": "case", "index": c["index"], "status": "ok",
                                                 "value": None, "output": "", "seconds": 0.0, "n": job["nonce"]})
            return xs * 2
    """))
    r = mlkata("check", "double", "--file", str(path), "--json")
    result = json.loads(r.output[r.output.index("{"):])
    assert result["status"] == "error" and "result channel" in result["message"]


# -- 5. orphans: the judge killed by INT, TERM, HUP or KILL --------------------------------------------------

LOOPER = textwrap.dedent("""
    import os, time
    if os.fork() == 0:          # a grandchild that leaves the process group
        os.setsid()
        while True:
            pass
    def double(xs):
        while True:
            pass
""")


def _run_processes(judge_pid: int) -> list[int]:
    """Live processes whose working directory is a run directory of `judge_pid`."""
    found = []
    prefix = f"mlkata-run-{judge_pid}-"
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{name}/cwd")
            with open(f"/proc/{name}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if os.path.basename(cwd).startswith(prefix) and state not in (b"Z", b"X"):
            found.append(int(name))
    return found


def _leftovers(judge_pid: int, tmpdir: Path) -> list[str]:
    left = [str(p) for p in tmpdir.glob(f"mlkata-run-{judge_pid}-*")]
    left += [str(p) for p in tmpdir.glob(f"mlkata-warm-{judge_pid}-*")]
    for root in ("/sys/fs/cgroup/pids", "/sys/fs/cgroup"):
        if os.path.isdir(root):
            left += [os.path.join(root, n) for n in os.listdir(root) if n.startswith(f"mlkata-{judge_pid}-")]
    return left + [f"pid {p}" for p in _run_processes(judge_pid)]


def _spawn(args: list[str], tmp_path: Path, mlkata_dirs: dict) -> tuple[subprocess.Popen, Path]:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmpdir), MLKATA_BANK=str(FIXTURE_BANK), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "mlkata", *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_run_processes(proc.pid)) < 2:  # the run's child and its grandchild are up
        assert proc.poll() is None, "mlkata exited before its run started"
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.05)
    return proc, tmpdir


def _assert_gone_within_2s(proc: subprocess.Popen, tmpdir: Path) -> None:
    t0 = time.monotonic()
    while _leftovers(proc.pid, tmpdir) and time.monotonic() - t0 < 2.0:
        time.sleep(0.05)
    left = _leftovers(proc.pid, tmpdir)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for p in _run_processes(proc.pid):  # never leave a spinning process behind, whatever happened
        os.kill(p, signal.SIGKILL)
    assert not left, f"left behind {time.monotonic() - t0:.1f}s after the signal: {left}"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_killing_check_leaves_nothing_behind(tmp_path, mlkata_dirs, sig):
    sub = tmp_path / "loop.py"
    sub.write_text(LOOPER)
    proc, tmpdir = _spawn(["check", "double", "--file", str(sub)], tmp_path, mlkata_dirs)
    os.kill(proc.pid, sig)
    _assert_gone_within_2s(proc, tmpdir)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_killing_watch_leaves_nothing_behind(tmp_path, mlkata_dirs, sig):
    ws = mlkata_dirs["workspace"]
    ws.mkdir(parents=True, exist_ok=True)
    (ws / "double.py").write_text(LOOPER)
    proc, tmpdir = _spawn(["watch", "double"], tmp_path, mlkata_dirs)
    os.kill(proc.pid, sig)
    _assert_gone_within_2s(proc, tmpdir)


def test_sweep_removes_what_dead_judges_left(tmp_path):
    from mlkata.judge import guardian

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"mlkata-run-{dead.pid}-abc"
    stale.mkdir()
    mine = tmp_path / f"mlkata-run-{os.getpid()}-abc"
    mine.mkdir()
    removed = guardian.sweep(str(tmp_path))
    assert str(stale) in removed and not stale.exists()
    assert mine.exists()  # a live judge's run is not touched


# -- 6. forbidden APIs by indirection -------------------------------------------------------------------------

INDIRECT = {
    "computed import and getattr": """
        m = __import__("num" + "py")
        f = getattr(m, "multi" + "ply")
        def double(xs):
            return f(xs, 2)
    """,
    "code compiled at run time": """
        src = "import numpy\\ndef double(xs):\\n    return numpy.multiply(xs, 2)\\n"
        exec(compile(src, "x", "exec"))
    """,
    "importlib and a dict of globals": """
        import importlib
        ns = {"__name__": "numpy.core"}
        exec("def twice(xs, m=__import__('importlib').import_module('numpy')):\\n    return m.multiply(xs, 2)", ns)
        double = ns["twice"]
    """,
}


@pytest.mark.parametrize("name", list(INDIRECT))
def test_forbidden_apis_through_indirection(mlkata, tmp_path, name):
    path = tmp_path / "sub.py"
    path.write_text(textwrap.dedent(INDIRECT[name]))
    r = mlkata("check", "double", "--file", str(path), "--json")
    result = json.loads(r.output[r.output.index("{"):])
    assert result["status"] == "forbidden", result
    text = (result["message"] or "") + "".join(t["message"] or "" for t in result["tests"])
    assert "numpy.multiply" in text


def test_library_internals_are_not_flagged(mlkata, tmp_path):
    # numpy's own code may call the forbidden function; the candidate did not
    path = tmp_path / "ok.py"
    path.write_text("import numpy as np\n\ndef double(xs):\n    return np.add(xs, xs)\n")
    r = mlkata("check", "double", "--file", str(path), "--json")
    assert json.loads(r.output)["status"] == "pass"


# -- 7. no silent fallback; nothing from a run is trusted ------------------------------------------------------

def test_a_missing_layer_is_said_once(mlkata, tmp_path, monkeypatch):
    monkeypatch.setenv("MLKATA_SANDBOX_SIMULATE_MISSING", "landlock")
    path = tmp_path / "ok.py"
    path.write_text("def double(xs):\n    return xs * 2\n")
    first = mlkata("check", "double", "--file", str(path))
    assert "lacks sandbox layer(s) landlock" in first.output
    again = mlkata("check", "double", "--file", str(path))
    assert "lacks sandbox layer" not in again.output
    doctor = mlkata("doctor", "--json")
    layers = {d["name"]: d for d in json.loads(doctor.output)}
    assert doctor.exit_code == 1 and not layers["landlock"]["active"] and layers["landlock"]["without"]


def test_doctor_lists_every_layer(mlkata):
    r = mlkata("doctor", "--json")
    names = [d["name"] for d in json.loads(r.output)]
    assert names == ["environment", "landlock", "seccomp", "cgroup", "session", "rlimits", "guardian"]
    assert r.exit_code == (0 if all(d["active"] for d in json.loads(r.output)) else 1)


def test_a_poisoned_cache_is_never_executed(mlkata, tmp_path, mlkata_dirs):
    """What an unconfined submission (a kernel without Landlock) could do: rewrite a cache file
    with a pickle that runs code when loaded. The judge refuses it and rebuilds the cache."""
    import pickle

    path = tmp_path / "ok.py"
    path.write_text("def double(xs):\n    return xs * 2\n")
    assert json.loads(mlkata("check", "double", "--file", str(path), "--json").output)["status"] == "pass"
    canary = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {canary}",))

    files = list((mlkata_dirs["cache"] / "cases").glob("double-*.pkl"))
    assert files
    for f in files:
        f.write_bytes(pickle.dumps([Evil()]))
    from mlkata.judge import core

    core._LOADED.clear()
    result = json.loads(mlkata("check", "double", "--file", str(path), "--json").output)
    assert result["status"] == "pass"
    assert not canary.exists()


# -- 8. parsing happens in the sandbox, under limits ------------------------------------------------------------

def test_huge_file_is_refused_unread(mlkata, tmp_path):
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 1_400_000 + "def double(xs):\n    return xs * 2\n")
    r = mlkata("check", "double", "--file", str(path), "--json")
    result = json.loads(r.output)
    assert result["status"] == "error" and "MB" in result["message"]


@pytest.mark.parametrize("body", ["y = " + "-" * 200_000 + "1", "y = " + "1 + " * 200_000 + "1",
                                  "y = " + "(" * 100_000 + "1" + ")" * 100_000])
def test_pathological_nesting_is_a_compile_error(mlkata, tmp_path, body):
    path = tmp_path / "deep.py"
    path.write_text(body + "\n\ndef double(xs):\n    return xs * 2\n")
    r = mlkata("check", "double", "--file", str(path), "--json")
    assert "Traceback (most recent call last)" not in r.output
    result = json.loads(r.output)
    assert result["status"] == "error", result
    assert result["message"]


# -- output hygiene -----------------------------------------------------------------------------------------

def test_escape_sequences_in_prints_are_neutralised(mlkata, tmp_path):
    path = tmp_path / "ansi.py"
    path.write_text('print("\\x1b[2J\\x1b[H\\x1b[1;32m✔ PASS\\x1b[0m \\x1b]0;owned\\x07")\n'
                    "def double(xs):\n    return xs + 2\n")
    r = mlkata("check", "double", "--file", str(path))
    assert "\x1b]0" not in r.output and "\x1b[2J" not in r.output
    result = json.loads(mlkata("check", "double", "--file", str(path), "--json").output)
    assert result["status"] == "fail"
    assert "\x1b" not in json.dumps(result, ensure_ascii=False)
