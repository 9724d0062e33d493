"""Running the sandbox child under limits, and cleaning up after it.

* wall clock: a deadline for the whole run, and an optional one per case;
* memory: the child lowers RLIMIT_AS itself (after importing the framework); the
  supervisor also sums the resident memory of every process of the run and kills at 2x cap;
* processes: a cgroup (v1 or v2 ``pids``) per run where the system lets us create one, else
  RLIMIT_NPROC in the child (which does not bind root); the supervisor counts the run's
  processes too and kills the run past the cap;
* clean-up: this process is made a child subreaper, so a grandchild that daemonises is
  re-parented to us rather than to init; every process of the run (found by ancestry, by
  an environment token, or as an orphan adopted by us) is killed with SIGKILL at the end;
  the guardian (:mod:`mlkata.judge.guardian`) does the same if this process dies first;
* integrity: every message carries the run's nonce and must arrive in the order of the job
  (sandbox, load, then start/case per case, then done); anything else stops the run as a
  corrupted channel, and the judge grades it as an error, never as a pass.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from mlkata.judge import guardian, isolation
from mlkata.judge.codec import read_message

POLL = 0.02
_RESULT_STATUSES = ("ok", "error", "forbidden", "oom", "timeout")  # what a child may report for a load or a case
OUTPUT_KEEP = 16_000
_SUBREAPER_SET = False
_LIVE_ROOTS: set[int] = set()
_LOCK = threading.Lock()


def _become_subreaper() -> None:
    global _SUBREAPER_SET
    if _SUBREAPER_SET or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_CHILD_SUBREAPER = 36
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    _SUBREAPER_SET = True


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, rss pages) for every process we can see."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                data = f.read()
        except OSError:
            continue
        rparen = data.rfind(b")")
        fields = data[rparen + 2 :].split()
        try:
            table[int(name)] = (int(fields[1]), int(fields[21]))
        except (IndexError, ValueError):
            continue
    return table


@dataclass
class RunOutcome:
    messages: list[dict] = field(default_factory=list)
    killed: str | None = None       # "timeout", "oom", "processes" when the supervisor stopped it
    killed_case: int | None = None  # index of the case running when it was stopped
    returncode: int | None = None
    output: str = ""                # what reached the child's stdout/stderr at fd level (capped)
    seconds: float = 0.0
    protocol_error: str | None = None
    layers: dict | None = None      # what the child reported in force before the submission ran


class _Run:
    def __init__(self, job: dict, limits: dict, case_limits: dict[int, float]):
        self.job, self.limits, self.case_limits = job, limits, case_limits
        self.token = uuid.uuid4().hex
        self.nonce = secrets.token_hex(16)
        self.order = [c["index"] for c in job.get("cases", [])]
        self.seen: set[int] = set()
        self.outcome = RunOutcome()
        self.current: int | None = None
        self.current_started = 0.0
        self._output = bytearray()
        self._output_dropped = 0

    # -- readers ---------------------------------------------------------------------------
    def _read_results(self, stream: Any) -> None:
        try:
            state = {"phase": "sandbox", "next": 0, "oom": False}
            while True:
                msg = read_message(stream)
                if msg is None:
                    break
                self._accept(msg, state)
                self.outcome.messages.append(msg)
                if msg.get("kind") == "done":
                    # nothing may follow: a message after "done" is the submission's
                    if read_message(stream) is not None:
                        raise ValueError("a message after the end of the run")
                    break
        except Exception as exc:  # a corrupted channel: the submission wrote on it
            self.outcome.protocol_error = f"{type(exc).__name__}: {exc}"
        finally:
            stream.close()

    def _accept(self, msg: Any, state: dict) -> None:
        """Check one message against the protocol; raise ValueError on anything unexpected."""
        if not isinstance(msg, dict) or msg.get("n") != self.nonce:
            raise ValueError("a message without this run's nonce")
        kind, phase = msg.get("kind"), state["phase"]
        if kind == "sandbox" and phase == "sandbox":
            self.outcome.layers = msg.get("layers") if isinstance(msg.get("layers"), dict) else None
            state["phase"] = "load"
        elif kind == "load" and phase == "load":
            if msg.get("status") not in _RESULT_STATUSES:
                raise ValueError("a load message with an unknown status")
            state["phase"] = "cases" if msg.get("status") == "ok" else "end"
        elif kind == "start" and phase == "cases":
            if state["next"] >= len(self.order) or msg.get("index") != self.order[state["next"]]:
                raise ValueError("a case started out of order")
            self.current, self.current_started = msg["index"], time.monotonic()
            state["phase"] = "running"
        elif kind == "case" and phase == "running":
            if msg.get("index") != self.current or msg.get("status") not in _RESULT_STATUSES:
                raise ValueError("a result for a case that is not running")
            msg["parent_seconds"] = time.monotonic() - self.current_started
            state["oom"] = state["oom"] or msg.get("status") == "oom"
            state["next"] += 1
            self.current = None
            state["phase"] = "cases"
        elif kind == "case" and phase == "cases" and msg.get("status") == "skipped" and state["oom"]:
            # the child stops running cases after one ran out of memory
            if state["next"] >= len(self.order) or msg.get("index") != self.order[state["next"]]:
                raise ValueError("a skipped case out of order")
            state["next"] += 1
        elif kind == "done" and phase == "cases" and state["next"] == len(self.order):
            state["phase"] = "end"
        else:
            raise ValueError(f"an unexpected {kind!r} message")

    def _drain_output(self, stream: Any) -> None:
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                break
            room = OUTPUT_KEEP - len(self._output)
            if room > 0:
                self._output += chunk[:room]
            self._output_dropped += max(0, len(chunk) - max(room, 0))
        stream.close()

    # -- the run's processes ---------------------------------------------------------------
    def members(self, root: int) -> list[int]:
        table = _proc_table()
        me = os.getpid()
        children: dict[int, list[int]] = {}
        for pid, (ppid, _) in table.items():
            children.setdefault(ppid, []).append(pid)
        found: set[int] = set()
        stack = [root] if root in table else []
        # orphans adopted by us (we are a subreaper) that are not another run's root
        with _LOCK:
            others = set(_LIVE_ROOTS) - {root}
        for pid in children.get(me, []):
            if pid in self.seen or (pid not in others and guardian.has_token(pid, f"MLKATA_RUN_TOKEN={self.token}".encode())):
                stack.append(pid)
        while stack:
            pid = stack.pop()
            if pid in found:
                continue
            found.add(pid)
            stack.extend(children.get(pid, []))
        self.seen |= found
        return sorted(found)

    def rss_bytes(self, pids: list[int]) -> int:
        total = 0
        page = os.sysconf("SC_PAGE_SIZE")
        for pid in pids:
            try:
                with open(f"/proc/{pid}/statm") as f:
                    total += int(f.read().split()[1]) * page
            except (OSError, ValueError, IndexError):
                pass
        return total

    def kill_all(self, root: int) -> None:
        for _ in range(5):
            pids = set(self.members(root)) | {p for p in self.seen if _alive(p)}
            pids |= guardian.token_holders(self.token)
            pids |= self.cgroup.pids() if getattr(self, "cgroup", None) else set()
            pids.discard(os.getpid())
            if not pids:
                break
            guardian.kill_pids(pids)
            try:
                os.killpg(root, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            _reap(pids - {root})
            time.sleep(0.01)

    # -- starting the child (a warm worker forks it instead: mlkata.judge.warm) ----------------
    def _spawn(self, env: dict, workdir: str, write_fd: int) -> Any:
        """Start the child; it must not run the submission before `_feed`."""
        self.job["parent"] = os.getpid()
        return subprocess.Popen(
            [sys.executable, "-I", "-m", "mlkata.judge.child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(write_fd,),
            start_new_session=True,
            env=env,
            cwd=workdir,
        )

    def _feed(self, proc: Any) -> None:
        # join the cgroup before the job is written: the child cannot fork before reading it
        self.job_in_cgroup = self.cgroup.add(proc.pid)
        try:
            proc.stdin.write(pickle.dumps(self.job, protocol=4))
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    # -- main loop ---------------------------------------------------------------------------
    def execute(self) -> RunOutcome:
        _become_subreaper()
        read_fd, write_fd = os.pipe()
        workdir = tempfile.mkdtemp(prefix=f"mlkata-run-{os.getpid()}-")
        env = isolation.child_env(workdir)
        env["MLKATA_RUN_TOKEN"] = self.token
        self.job["result_fd"] = write_fd
        self.job["nonce"] = self.nonce
        t0 = time.monotonic()
        deadline = t0 + float(self.limits["time"])
        self.cgroup = PidsCgroup(f"{os.getpid()}-{self.token}", int(self.limits["processes"]) + 8)
        try:
            proc = self._spawn(env, workdir, write_fd)
        except BaseException:
            os.close(read_fd)
            self.cgroup.remove()
            _rmtree(workdir)
            raise
        finally:
            os.close(write_fd)
        guardian.register_run(self.token, workdir, self.cgroup.path, proc.pid)
        with _LOCK:
            _LIVE_ROOTS.add(proc.pid)
        reader = threading.Thread(target=self._read_results, args=(os.fdopen(read_fd, "rb"),), daemon=True)
        drainer = threading.Thread(target=self._drain_output, args=(proc.stdout,), daemon=True)
        reader.start()
        drainer.start()
        self._feed(proc)
        mem_cap = float(self.limits["memory"]) * 1024 * 1024 * 2 + 1024 * 1024 * 1024
        nproc_cap = int(self.limits["processes"])
        last_scan = 0.0
        try:
            while True:
                if proc.poll() is not None and not reader.is_alive():
                    break
                if self.outcome.protocol_error:
                    break
                now = time.monotonic()
                if now > deadline:
                    self.outcome.killed = "timeout"
                    break
                if self.current is not None:
                    lim = self.case_limits.get(self.current)
                    if lim is not None and now - self.current_started > lim:
                        self.outcome.killed = "timeout"
                        break
                if now - last_scan > 0.1:
                    last_scan = now
                    pids = self.members(proc.pid)
                    if len(pids) > nproc_cap + 1:
                        self.outcome.killed = "processes"
                        break
                    if self.rss_bytes(pids) > mem_cap:
                        self.outcome.killed = "oom"
                        break
                if proc.poll() is not None:
                    # the child is gone; give the reader a moment to finish the pipe
                    reader.join(timeout=0.5)
                    if reader.is_alive():  # a grandchild holds the pipe open
                        break
                    continue
                if reader.is_alive():
                    reader.join(timeout=POLL)  # wakes as soon as the result channel closes
                else:
                    try:
                        proc.wait(timeout=POLL)
                    except subprocess.TimeoutExpired:
                        pass
        finally:
            if self.outcome.killed:
                self.outcome.killed_case = self.current
            self.kill_all(proc.pid)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            reader.join(timeout=2)
            drainer.join(timeout=2)
            with _LOCK:
                _LIVE_ROOTS.discard(proc.pid)
            self.cgroup.remove()
            _rmtree(workdir)
            guardian.end_run(self.token)
        self.outcome.returncode = proc.returncode
        self.outcome.seconds = time.monotonic() - t0
        text = self._output.decode("utf-8", "replace")
        if self._output_dropped:
            text += f"\n... ({self._output_dropped} more bytes not shown)"
        self.outcome.output = text
        return self.outcome


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def _reap(pids: set[int]) -> None:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        except OSError:
            pass


def _rmtree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


class PidsCgroup:
    """A throw-away ``pids`` cgroup capping how many processes a run may have."""

    ROOTS = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")

    def __init__(self, name: str, max_pids: int):
        self.path: str | None = None
        for root in self.ROOTS:
            if not os.path.isfile(os.path.join(root, "cgroup.procs")):
                continue
            if root == "/sys/fs/cgroup" and not os.path.isfile(os.path.join(root, "cgroup.controllers")):
                continue  # a v1 hierarchy root without the pids controller
            path = os.path.join(root, f"mlkata-{name}")
            try:
                os.mkdir(path)
                with open(os.path.join(path, "pids.max"), "w") as f:
                    f.write(str(max_pids))
                self.path = path
                return
            except OSError:
                try:
                    os.rmdir(path)
                except OSError:
                    pass

    @classmethod
    def probe(cls) -> str | None:
        """Where run cgroups are made, or None (nothing is left behind)."""
        cg = cls(f"probe-{os.getpid()}-{uuid.uuid4().hex[:8]}", 8)
        path = cg.path
        cg.remove()
        return f"pids cgroup under {os.path.dirname(path)}" if path else None

    def add(self, pid: int) -> bool:
        if not self.path:
            return False
        try:
            with open(os.path.join(self.path, "cgroup.procs"), "w") as f:
                f.write(str(pid))
            return True
        except OSError:
            return False

    def pids(self) -> set[int]:
        return guardian.cgroup_pids(self.path) if self.path else set()

    def remove(self) -> None:
        if self.path:
            guardian.kill_cgroup(self.path, tries=50)


# set by mlkata.judge.warm.enable(): runs are then forked from warm workers, same supervision
_RUNNER = None


def run_job(job: dict, limits: dict, case_limits: dict[int, float] | None = None) -> RunOutcome:
    runner = _RUNNER
    if runner is not None:
        return runner(dict(job), limits, case_limits or {})
    return _Run(dict(job), limits, case_limits or {}).execute()
