"""The warm judge: workers with the framework already imported fork one child per run.

A cold run (:mod:`mlkata.judge.sandbox`) starts ``python -I -m mlkata.judge.child``, which
pays the interpreter start and ``import numpy`` / ``import torch`` every time. A warm worker
is that same process, started once (``python -I -m mlkata.judge.warm``, the same
environment as a cold child) with the framework imported and *nothing else run*. For each
run the supervisor (the same :class:`~mlkata.judge.sandbox._Run` loop as for a cold run:
deadlines, memory and process caps, kill-everything at the end) hands the worker the job and
two pipe ends over a Unix socket; the worker forks, and the forked child

* starts a new session, joins the run's ``pids`` cgroup, takes the run's environment token,
  home and temporary directory, closes every descriptor but the run's pipes;
* then calls :func:`mlkata.judge.child.run` — the very code a cold child runs, so limits
  (``RLIMIT_AS`` relative to the current ``VmSize``, ``RLIMIT_NPROC``), forbidden-API guards,
  capture and the message protocol are the same.

Whatever the submission does (monkeypatching NumPy included) happens in the fork's copy of
memory and dies with it: the worker never runs submitted code, nor any torch op (so forking
after ``import torch`` is safe: no OpenMP pool exists yet in the worker). The worker is a
child subreaper, so anything the run leaves behind is re-parented to it; the supervisor
kills every descendant of the worker but the worker itself, and the worker reaps them all
before it takes the next job. Workers are keyed by what they preimport and by the
environment they were started with, so a NumPy problem never runs in a worker that has
torch imported (a cold NumPy child does not have it either).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from mlkata.judge import guardian, isolation, sandbox

_HEADER = struct.Struct(">Q")


# -- framing over the worker's socket ------------------------------------------------------------

def _send(sock: socket.socket, obj: Any, fds: list[int] | None = None) -> None:
    payload = pickle.dumps(obj, protocol=4)
    head = _HEADER.pack(len(payload))
    if fds:
        socket.send_fds(sock, [head], fds)
        sock.sendall(payload)
    else:
        sock.sendall(head + payload)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _recv(sock: socket.socket, with_fds: bool = False) -> tuple[Any, list[int]]:
    """One message (trusted: both ends are mlkata's own code); (None, []) at end of stream."""
    fds: list[int] = []
    if with_fds:
        head, fds, _flags, _addr = socket.recv_fds(sock, _HEADER.size, 4)
        if not head:
            return None, fds
        if len(head) < _HEADER.size:
            rest = _recv_exact(sock, _HEADER.size - len(head))
            if rest is None:
                return None, fds
            head += rest
    else:
        head = _recv_exact(sock, _HEADER.size)
        if head is None:
            return None, fds
    (size,) = _HEADER.unpack(head)
    payload = _recv_exact(sock, size)
    if payload is None:
        return None, fds
    return pickle.loads(payload), fds


def _prctl(option: int, arg: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, arg, 0, 0, 0)
    except (OSError, AttributeError):
        pass


# -- the worker process -----------------------------------------------------------------------------

def worker_main(sock_fd: int, preimport: list[str]) -> None:
    # (no PR_SET_PDEATHSIG: it fires when the *thread* that started us ends; the judge going
    # away closes our socket instead, and we leave at the next read)
    PR_SET_CHILD_SUBREAPER = 36
    _prctl(PR_SET_CHILD_SUBREAPER, 1)  # a run's orphans come back to us, not to init
    sock = socket.socket(fileno=sock_fd)
    # what a cold child imports before it reads its job; never *run* anything from them here
    for name in preimport:
        try:
            __import__(name)
        except Exception:
            pass
    import mlkata.judge.child  # noqa: F401
    import mlkata.judge.compare  # noqa: F401
    import mlkata.judge.forbidden  # noqa: F401
    import mlkata.judge.landlock  # noqa: F401
    # the seccomp filter is compiled once here; each forked run only loads it
    seccomp = isolation.seccomp_filter()
    isolation.readable_paths()  # cached: the interpreter's own paths do not change
    np = sys.modules.get("numpy")
    if np is not None:
        # numpy's first global reseed initialises its entropy source (~20 ms); pay it here, not
        # in every run's child, which reseeds from fresh entropy before the submission starts
        np.random.seed()

    _send(sock, {"ready": os.getpid()})
    while True:
        job, fds = _recv(sock, with_fds=True)
        if job is None:
            os._exit(0)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        pid = os.fork()
        if pid == 0:
            _forked_child(job, fds, sock, seccomp)  # never returns
        for fd in fds:
            os.close(fd)
        _send(sock, {"pid": pid})
        # reap the run's root, then everything it left behind (the supervisor kills them)
        while True:
            try:
                got, status = os.waitpid(-1, 0)
            except ChildProcessError:
                break
            except InterruptedError:  # pragma: no cover
                continue
            if got == pid:
                _send(sock, {"exit": os.waitstatus_to_exitcode(status)})
        _send(sock, {"clean": True})


def _forked_child(job: dict, fds: list[int], sock: socket.socket, seccomp: Any = None) -> None:
    try:
        result_fd, out_fd = fds
        os.setsid()
        sock.close()  # the submission must not reach the worker's channel
        # the descriptors of a cold child: 0 <- nothing, 1 and 2 -> the output pipe, the result pipe
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        if result_fd < 3:  # pragma: no cover - cannot happen: 0-2 are taken in the worker
            result_fd = os.dup(result_fd)
        os.closerange(3, result_fd)
        os.closerange(result_fd + 1, 1 << 16)
        job["result_fd"] = result_fd
        procs = job.pop("cgroup_procs", None)
        if procs:  # join the run's pids cgroup before running anything of the submission
            try:
                with open(procs, "w") as f:
                    f.write(str(os.getpid()))
            except OSError:
                pass
        # the run's environment, as a cold child gets it
        os.environ["MLKATA_RUN_TOKEN"] = job.pop("token")
        workdir = job.pop("workdir")
        os.environ["HOME"] = os.environ["TMPDIR"] = os.environ["MPLCONFIGDIR"] = workdir
        os.chdir(workdir)
        tempfile.tempdir = None
        np = sys.modules.get("numpy")
        if np is not None:
            np.random.seed()  # fresh entropy, as a freshly started interpreter would have
        from mlkata.judge import child

        child.run_and_exit(job, seccomp)
    finally:
        os._exit(3)


# -- the supervisor's side ---------------------------------------------------------------------------

class Worker:
    """One warm process; serves one run at a time."""

    def __init__(self, preimport: tuple[str, ...], env: dict[str, str]):
        self.preimport = preimport
        self.home = tempfile.mkdtemp(prefix=f"mlkata-warm-{os.getpid()}-")
        env = dict(env, HOME=self.home, TMPDIR=self.home)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock = ours
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-m", "mlkata.judge.warm", str(theirs.fileno()), ",".join(preimport)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), start_new_session=True, env=env, cwd=self.home,
            )
        finally:
            theirs.close()
        guardian.register_worker(self.proc.pid, self.home)
        self.ready = False
        self.broken = False

    def wait_ready(self) -> bool:
        if not self.ready and not self.broken:
            msg, _ = _recv(self.sock)
            self.ready = isinstance(msg, dict) and "ready" in msg
            self.broken = not self.ready
        return self.ready

    def close(self) -> None:
        self.broken = True
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        guardian.end_worker(self.proc.pid)
        sandbox._rmtree(self.home)


class _ForkedProc:
    """What the supervisor loop needs of a Popen, for a child forked by a worker."""

    def __init__(self, worker: Worker, pid: int, stdout: Any):
        self.worker, self.pid, self.stdout = worker, pid, stdout
        self.returncode: int | None = None
        self.exited = threading.Event()
        self.clean = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        try:
            while True:
                msg, _ = _recv(self.worker.sock)
                if msg is None:
                    break
                if "exit" in msg:
                    self.returncode = msg["exit"]
                    self.exited.set()
                elif "clean" in msg:
                    self.clean.set()
                    return
        except OSError:
            pass
        # the worker died (a submission can signal it): the child, re-parented to the judge
        # (a subreaper), is handled like a cold one from here on
        self.worker.broken = True
        self.exited.set()
        self.clean.set()

    def poll(self) -> int | None:
        if self.exited.is_set() and self.returncode is None:
            try:
                got, status = os.waitpid(self.pid, os.WNOHANG)
                if got == self.pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                if not os.path.exists(f"/proc/{self.pid}"):
                    self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        if not self.exited.wait(timeout):
            raise subprocess.TimeoutExpired("warm child", timeout)
        if self.poll() is None:
            raise subprocess.TimeoutExpired("warm child", timeout)
        return self.returncode


class _WarmRun(sandbox._Run):
    """The cold supervisor loop, with the child forked by a warm worker."""

    def __init__(self, worker: Worker, job: dict, limits: dict, case_limits: dict[int, float]):
        super().__init__(job, limits, case_limits)
        self.worker = worker
        self.adopter = worker.proc.pid

    def _spawn(self, env: dict, workdir: str, write_fd: int) -> Any:
        out_r, out_w = os.pipe()
        self.job["parent"] = self.adopter
        job = dict(self.job, token=env["MLKATA_RUN_TOKEN"], workdir=workdir,
                   cgroup_procs=os.path.join(self.cgroup.path, "cgroup.procs") if self.cgroup.path else None)
        try:
            _send(self.worker.sock, job, [write_fd, out_w])
            msg, _ = _recv(self.worker.sock)
        except OSError:
            msg = None
        finally:
            os.close(out_w)
        if not isinstance(msg, dict) or "pid" not in msg:
            os.close(out_r)
            self.worker.broken = True
            raise RuntimeError("the warm worker did not start the run")
        self.job_in_cgroup = bool(self.cgroup.path)
        self._proc = _ForkedProc(self.worker, msg["pid"], os.fdopen(out_r, "rb"))
        return self._proc

    def _feed(self, proc: Any) -> None:
        pass  # the job went with the fork request

    def members(self, root: int) -> list[int]:
        # one scan of /proc: everything under the worker belongs to this run (one run per
        # worker at a time); if the worker died, the run's processes were re-parented to
        # the judge (a subreaper) and are found from the pids already seen
        table = sandbox._proc_table()
        children: dict[int, list[int]] = {}
        for pid, (ppid, _) in table.items():
            children.setdefault(ppid, []).append(pid)
        stack = list(children.get(self.adopter, [])) + ([root] if root in table else [])
        stack += [pid for pid in children.get(os.getpid(), []) if pid in self.seen]
        found: set[int] = set()
        while stack:
            pid = stack.pop()
            if pid not in found:
                found.add(pid)
                stack.extend(children.get(pid, []))
        found.discard(self.adopter)
        found = {p for p in found if not _zombie(p)}
        self.seen |= found
        return sorted(found)

    def kill_all(self, root: int) -> None:
        for _ in range(50):
            pids = set(self.members(root)) | {p for p in self.seen if _alive(p)}
            pids |= guardian.token_holders(self.token)
            pids |= self.cgroup.pids()
            pids -= {os.getpid(), self.adopter}
            if not pids:
                break
            guardian.kill_pids(pids)
            time.sleep(0.005)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rfind(b")") + 2: data.rfind(b")") + 3] in (b"Z", b"X")
    except OSError:
        return True


def _alive(pid: int) -> bool:
    return os.path.exists(f"/proc/{pid}") and not _zombie(pid)


class WarmPool:
    """Idle workers by (preimport, environment); a run takes one, or starts one if none is idle."""

    def __init__(self) -> None:
        self._idle: dict[tuple, list[Worker]] = {}
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._starting: dict[tuple, int] = {}
        self.started = 0          # workers started (for "where the time goes")
        self.start_seconds = 0.0  # summed time spent waiting for workers to get ready
        self.last_worker_pid: int | None = None

    def _key(self, preimport: tuple[str, ...]) -> tuple:
        env = isolation.child_env()
        digest = hashlib.sha256(repr(sorted(env.items())).encode()).hexdigest()[:16]
        return preimport, digest

    def _start(self, preimport: tuple[str, ...]) -> Worker:
        t0 = time.monotonic()
        w = Worker(preimport, isolation.child_env())
        with self._lock:
            self._all.add(w)
            self.started += 1
        w.wait_ready()
        with self._lock:
            self.start_seconds += time.monotonic() - t0
        return w

    def acquire(self, preimport: tuple[str, ...]) -> Worker:
        key = self._key(preimport)
        dead: list[Worker] = []
        with self._cond:
            while True:
                idle = self._idle.setdefault(key, [])
                found = None
                while idle:
                    w = idle.pop()
                    if not w.broken and w.proc.poll() is None:
                        found = w
                        break
                    dead.append(w)
                if found is not None or not self._starting.get(key):
                    break
                # a worker for this key is getting ready: wait for it rather than start another
                self._cond.wait(timeout=1.0)
            if found is None:
                self._starting[key] = self._starting.get(key, 0) + 1
        for w in dead:
            self._discard(w)
        if found is not None:
            return found
        try:
            w = self._start(preimport)
        finally:
            with self._cond:
                self._starting[key] -= 1
                self._cond.notify_all()
        if not w.ready:
            self._discard(w)
            raise RuntimeError("a warm worker failed to start")
        return w

    @staticmethod
    def _reusable(worker: Worker, reusable: bool) -> bool:
        """Whether a worker can serve another run: the caller says so, it is not broken, it lives."""
        return reusable and not worker.broken and worker.proc.poll() is None

    def release(self, worker: Worker, reusable: bool) -> None:
        if not self._reusable(worker, reusable):
            self._discard(worker)
            return
        with self._cond:
            self._idle.setdefault(self._key(worker.preimport), []).append(worker)
            self._cond.notify_all()

    def _discard(self, worker: Worker) -> None:
        worker.close()
        with self._lock:
            self._all.discard(worker)

    def prewarm(self, preimports: list[tuple[str, ...]], count: int = 1) -> None:
        """Start workers in the background, so the first run does not wait for the imports."""

        def start(p: tuple[str, ...]) -> None:
            key = self._key(p)
            w: Worker | None = None
            usable = False
            try:
                w = self._start(p)
            except Exception:
                pass
            finally:
                # idle before it stops counting as starting, in one step: a run waiting for it
                # (acquire) otherwise wakes between the two, finds neither, and starts a second
                # worker, paying the whole framework import again
                with self._cond:
                    usable = w is not None and self._reusable(w, w.ready)
                    if usable:
                        self._idle.setdefault(key, []).append(w)
                    self._starting[key] -= 1
                    self._cond.notify_all()
            if w is not None and not usable:
                self._discard(w)

        for p in preimports:
            for _ in range(count):
                with self._cond:
                    key = self._key(tuple(p))
                    self._starting[key] = self._starting.get(key, 0) + 1
                threading.Thread(target=start, args=(tuple(p),), daemon=True).start()

    def run(self, job: dict, limits: dict, case_limits: dict[int, float]) -> sandbox.RunOutcome:
        worker = self.acquire(tuple(job.get("preimport", [])))
        self.last_worker_pid = worker.proc.pid
        clean = False
        try:
            run = _WarmRun(worker, job, limits, case_limits)
            outcome = run.execute()
            proc = getattr(run, "_proc", None)
            clean = True if proc is None else proc.clean.wait(5)
            return outcome
        finally:
            self.release(worker, clean)

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        with self._cond:
            self._idle.clear()
        for w in workers:
            w.close()


_POOL: WarmPool | None = None
_POOL_LOCK = threading.Lock()


def enable() -> WarmPool:
    """Route every sandbox run of this process through warm workers (idempotent)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = WarmPool()
            sandbox._RUNNER = _POOL.run
        return _POOL


def active() -> bool:
    """Whether this process's runs already go through warm workers."""
    return _POOL is not None


def disable() -> None:
    """Back to cold runs; stop the workers."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
        sandbox._RUNNER = None
    if pool is not None:
        pool.close()


def preimport_for(problem: Any, source: str = "") -> tuple[str, ...]:
    """What a run of `problem` (of the file `source`) preimports: the key of the workers it uses."""
    from mlkata.judge.core import preimport_for as names

    return tuple(names(problem, source))


if __name__ == "__main__":
    worker_main(int(sys.argv[1]), [m for m in sys.argv[2].split(",") if m] if len(sys.argv) > 2 else [])
