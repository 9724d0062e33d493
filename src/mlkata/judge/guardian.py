"""The guardian: whatever way mlkata dies, the runs it started die with it.

A judge that is interrupted (Ctrl-C), terminated, hung up on (its terminal closed) or killed
with SIGKILL cannot clean up after itself. So the first run of a judge process starts one
small watcher, in a session of its own (the terminal's signals do not reach it), that holds
the read end of a pipe. The judge registers each run (its token, run directory, cgroup and
root process) and each warm worker on that pipe, and says when they end. When the pipe
closes — the judge is gone, however it went — the guardian kills every process still
registered, removes their cgroups and directories, and exits.

:func:`sweep` removes what judges that died before the guardian existed (or together with
it) left behind: run directories and cgroups named after a process that no longer exists.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

CGROUP_ROOTS = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")
_NAME = re.compile(r"^mlkata-(?:run|warm)-(\d+)-")
_CGROUP_NAME = re.compile(r"^mlkata-(\d+)-[0-9a-f]{32}$")


# -- helpers shared by the guardian and the sweep --------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rfind(b")") + 2: data.rfind(b")") + 3] not in (b"Z", b"X")
    except OSError:
        return False


def _start_time(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rfind(b")") + 2:].split()[19].decode()
    except (OSError, IndexError):
        return ""


def has_token(pid: int, key: bytes) -> bool:
    """Whether `pid`'s environment holds `key` (``MLKATA_RUN_TOKEN=<token>``)."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return key in f.read()
    except OSError:
        return False


def token_holders(token: str) -> set[int]:
    """Every process that carries a run's token in its environment."""
    key = f"MLKATA_RUN_TOKEN={token}".encode()
    return {int(name) for name in os.listdir("/proc") if name.isdigit() and has_token(int(name), key)}


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    data = f.read()
                ppid = int(data[data.rfind(b")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(name))
    found, stack = set(), list(children.get(root, []))
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack.extend(children.get(pid, []))
    return found


def cgroup_pids(path: str) -> set[int]:
    try:
        with open(os.path.join(path, "cgroup.procs")) as f:
            return {int(x) for x in f.read().split()}
    except (OSError, ValueError):
        return set()


def kill_pids(pids: set[int]) -> None:
    """SIGKILL each pid; the ones already gone (or not ours to kill) are skipped."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def kill_cgroup(path: str, tries: int = 100) -> None:
    """Kill every process of a cgroup (v2 ``cgroup.kill`` where there is one) and remove it,
    trying `tries` times 10 ms apart."""
    for _ in range(tries):
        pids = cgroup_pids(path)
        if os.path.exists(os.path.join(path, "cgroup.kill")):
            try:
                with open(os.path.join(path, "cgroup.kill"), "w") as f:
                    f.write("1")
            except OSError:
                pass
        kill_pids(pids)
        try:
            os.rmdir(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.01)


# -- the sweep ------------------------------------------------------------------------------------------

def sweep(tmpdir: str | None = None) -> list[str]:
    """Remove run directories and cgroups whose judge is dead. Returns what was removed."""
    removed = []
    for root in CGROUP_ROOTS:
        try:
            names = os.listdir(root)
        except OSError:
            continue
        for name in names:
            m = _CGROUP_NAME.match(name)
            # (cgroups of older mlkata versions carry no owner: they are left alone, since a
            # live judge of that version may be using them)
            if m and not _alive(int(m.group(1))):
                path = os.path.join(root, name)
                if os.path.isdir(path):
                    kill_cgroup(path)
                    if not os.path.exists(path):
                        removed.append(path)
    base = tmpdir or tempfile.gettempdir()
    try:
        names = os.listdir(base)
    except OSError:
        names = []
    for name in names:
        m = _NAME.match(name)
        if m and not _alive(int(m.group(1))):
            path = os.path.join(base, name)
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


# -- the guardian process -------------------------------------------------------------------------------

def guardian_main() -> None:
    for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(sig, signal.SIG_IGN)
    runs: dict[str, tuple[str, str, int, str]] = {}   # token -> (workdir, cgroup, root pid, root start time)
    workers: dict[int, tuple[str, str]] = {}         # pid -> (start time, home)
    stdin = sys.stdin.buffer
    while True:
        line = stdin.readline()
        if not line:
            break
        parts = line.decode("utf-8", "replace").rstrip("\n").split("\t")
        try:
            if parts[0] == "R":
                runs[parts[1]] = (parts[2], parts[3], int(parts[4] or 0), parts[5] if len(parts) > 5 else "")
            elif parts[0] == "E":
                runs.pop(parts[1], None)
            elif parts[0] == "W":
                workers[int(parts[1])] = (parts[2], parts[3])
            elif parts[0] == "X":
                workers.pop(int(parts[1]), None)
        except (IndexError, ValueError):
            continue
    # the judge is gone: nothing it started may outlive it
    for _ in range(3):
        for pid, (start, _home) in workers.items():
            if _start_time(pid) == start:
                kill_pids(_descendants(pid))
                kill_pids({pid})
        for token, (_workdir, cgroup, root, start) in runs.items():
            pids = token_holders(token)
            if cgroup != "-":
                pids |= cgroup_pids(cgroup)
            if root and _start_time(root) == start:
                pids |= {root} | _descendants(root)
                try:
                    os.killpg(root, signal.SIGKILL)
                except OSError:
                    pass
            kill_pids(pids)
        time.sleep(0.02)
    for token, (workdir, cgroup, _root, _start) in runs.items():
        if cgroup != "-":
            kill_cgroup(cgroup)
        shutil.rmtree(workdir, ignore_errors=True)
    for _pid, (_start, home) in workers.items():
        shutil.rmtree(home, ignore_errors=True)


# -- the judge's side ------------------------------------------------------------------------------------

class _Client:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None
        self.pid = -1

    def _ensure(self) -> bool:
        if self.proc is not None and self.pid == os.getpid() and self.proc.poll() is None:
            return True
        if self.pid == os.getpid() and self.proc is not None:
            return False  # it died: do not start one per run
        self.pid = os.getpid()
        try:
            sweep()
        except Exception:
            pass
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-m", "mlkata.judge.guardian"],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True, close_fds=True, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            )
        except OSError:
            self.proc = None
            return False
        return True

    def send(self, *fields: object) -> None:
        line = "\t".join(str(f) for f in fields) + "\n"
        with self.lock:
            if not self._ensure():
                return
            try:
                self.proc.stdin.write(line.encode())
                self.proc.stdin.flush()
            except (OSError, ValueError):
                pass


_CLIENT = _Client()


def register_run(token: str, workdir: str, cgroup: str | None, root: int) -> None:
    _CLIENT.send("R", token, workdir, cgroup or "-", root, _start_time(root))


def end_run(token: str) -> None:
    _CLIENT.send("E", token)


def register_worker(pid: int, home: str) -> None:
    _CLIENT.send("W", pid, _start_time(pid), home)


def end_worker(pid: int) -> None:
    _CLIENT.send("X", pid)


def guardian_pid() -> int | None:
    proc = _CLIENT.proc
    return proc.pid if proc is not None and _CLIENT.pid == os.getpid() else None


if __name__ == "__main__":
    guardian_main()
