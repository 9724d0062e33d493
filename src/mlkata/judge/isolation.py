"""The layers that confine a submission, each small and separately testable.

A run's child process applies them to itself, after the framework is imported and before a
line of the submission runs (see :func:`mlkata.judge.child.run`):

* **environment** — :func:`child_env`: an allow-list (PATH, locale, thread counts, a HOME and
  TMPDIR inside the run directory); the user's tokens, agent sockets, ``TMUX``, ``DISPLAY``
  and mlkata's own paths never reach the child;
* **seccomp** — :func:`seccomp_filter`: no sockets at all (no network, no Unix socket to
  tmux, ssh-agent, D-Bus or X11), no ``TIOCSTI``/``TIOCLINUX`` keystroke injection, no
  ptrace or cross-process memory access, no io_uring (a way around the socket rule), no
  ``kill(-1)``, no mounts, keyrings or BPF; built with libseccomp through ``pyseccomp``;
* **Landlock** — :mod:`mlkata.judge.landlock`: reads only beneath the Python installation,
  system libraries and the run directory; writes only beneath the run directory and to
  ``/dev/null``; no ioctl on devices; no signals out of the sandbox;
* **session** — a new session with no controlling terminal, stdin from ``/dev/null``;
* **resources** — rlimits (memory, file size, core dumps), a ``pids`` cgroup, and the
  supervisor's wall clock (:mod:`mlkata.judge.sandbox`).

:func:`layers` says which of them this machine provides (``mlkata doctor``). A layer the
kernel lacks is reported, never silently skipped.
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# -- environment ------------------------------------------------------------------------------

# variables a run may see; everything else in the user's environment stays out
ENV_ALLOW = (
    "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_MESSAGES", "TZ",
    "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "MKL_CBWR",
)
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"


def child_env(workdir: str | None = None) -> dict[str, str]:
    """The environment of a run (``workdir`` becomes HOME and TMPDIR)."""
    env = {k: os.environ[k] for k in ENV_ALLOW if k in os.environ}
    env["PATH"] = os.path.dirname(sys.executable) + ":" + SAFE_PATH
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env.setdefault("OMP_NUM_THREADS", "2")
    if workdir is not None:
        env["HOME"] = env["TMPDIR"] = workdir
        env["MPLCONFIGDIR"] = workdir
    return env


# -- seccomp ----------------------------------------------------------------------------------

TIOCSTI = 0x5412
TIOCLINUX = 0x541C
# refused outright (EPERM): process inspection, kernel attack surface, mounts, keyrings
_DENY = (
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
    "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
    "mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig",
    "setns", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "reboot", "swapon", "swapoff", "acct", "quotactl", "name_to_handle_at", "open_by_handle_at",
    "lookup_dcookie", "syslog", "iopl", "ioperm", "uselib",
)
_NOSYS = ("io_uring_setup", "io_uring_enter", "io_uring_register")


def seccomp_available() -> tuple[bool, str]:
    try:
        import pyseccomp  # noqa: F401  (loads libseccomp.so.2)
    except Exception as exc:  # ImportError, or OSError when libseccomp is missing
        return False, f"libseccomp could not be loaded ({type(exc).__name__}: {exc})"
    return True, "libseccomp " + _libseccomp_version()


def _libseccomp_version() -> str:
    import ctypes

    try:
        import pyseccomp

        lib = pyseccomp._libseccomp  # type: ignore[attr-defined]
        lib.seccomp_version.restype = ctypes.POINTER(ctypes.c_uint * 3)
        v = lib.seccomp_version().contents
        return f"{v[0]}.{v[1]}.{v[2]}"
    except Exception:
        return "(version unknown)"


def seccomp_filter() -> Any:
    """A compiled-in-memory filter (not yet loaded); None where libseccomp is missing.
    Built once in a warm worker, loaded by each forked run."""
    try:
        import pyseccomp as sc
    except Exception:
        return None
    f = sc.SyscallFilter(defaction=sc.ALLOW)

    def rule(action: int, name: str, *args: Any) -> None:
        try:
            f.add_rule(action, name, *args)
        except Exception:  # a syscall this kernel/architecture does not know
            pass

    # no sockets of any family: no network, no Unix socket of the user's session
    rule(sc.ERRNO(errno.EACCES), "socket")
    for name in _DENY:
        rule(sc.ERRNO(errno.EPERM), name)
    for name in _NOSYS:
        rule(sc.ERRNO(errno.ENOSYS), name)
    # keystrokes pushed into a terminal, whatever descriptor it is reached through
    for req in (TIOCSTI, TIOCLINUX):
        rule(sc.ERRNO(errno.EPERM), "ioctl", sc.Arg(1, sc.MASKED_EQ, 0xFFFFFFFF, req))
    # kill(-1, ...) signals every process the user owns
    rule(sc.ERRNO(errno.EPERM), "kill", sc.Arg(0, sc.MASKED_EQ, 0xFFFFFFFF, 0xFFFFFFFF))
    return f


def load_seccomp(f: Any) -> bool:
    if f is None:
        return False
    try:
        f.load()  # sets no_new_privs first (libseccomp's default)
        return True
    except Exception:
        return False


# -- file-system rules (Landlock) --------------------------------------------------------------

_ETC_FILES = (
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone",
    "/etc/locale.alias", "/etc/locale.conf", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group",
    "/etc/host.conf", "/etc/mime.types", "/etc/os-release", "/etc/ssl/certs", "/etc/fonts",
    "/etc/matplotlibrc", "/etc/alternatives",
)
_DEV_READ = ("/dev/null", "/dev/zero", "/dev/full", "/dev/urandom", "/dev/random")
_SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin", "/sys")
# of /proc, only what describes the machine; the run's own /proc/<pid> is added per run (other
# processes' environment and command line, the user's shell's included, stay out of reach)
_PROC_FILES = ("/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/proc/sys/kernel", "/proc/sys/vm",
               "/proc/filesystems", "/proc/mounts")


_BASE_READABLE: list[str] | None = None


def readable_paths(extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Where a run may read: the interpreter and its packages, system libraries, /sys, the
    machine's entries of /proc, a few configuration files, and `extra` (the run directory, the
    run's own /proc/<pid>, the problem's own files)."""
    global _BASE_READABLE
    if _BASE_READABLE is None:
        _BASE_READABLE = _base_readable()
    return _BASE_READABLE + [p for p in extra if p and p not in _BASE_READABLE and os.path.exists(p)]


def python_roots() -> list[str]:
    """Where the interpreter, its standard library and installed packages live."""
    import site
    import sysconfig

    roots: list[str] = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            roots.append(sysconfig.get_path(key))
        except KeyError:
            pass
    try:
        roots += site.getsitepackages()
    except AttributeError:
        pass
    return [r for r in roots if r]


def _base_readable() -> list[str]:
    roots = python_roots() + [p for p in sys.path if p]
    mlkata_pkg = str(Path(__file__).resolve().parents[1])
    roots.append(mlkata_pkg)
    # the real files behind a symlinked interpreter (pyenv shims, venvs)
    roots.append(os.path.dirname(os.path.realpath(sys.executable)))
    roots += list(_SYSTEM_DIRS) + list(_PROC_FILES) + list(_ETC_FILES) + list(_DEV_READ)
    seen, out = set(), []
    for p in roots:
        if p and p not in seen and os.path.exists(p):
            seen.add(p)
            out.append(p)
    return out


def writable_paths(workdir: str) -> list[str]:
    return [workdir, "/dev/null"]


# -- what this machine provides ------------------------------------------------------------------

@dataclass
class Layer:
    name: str
    active: bool
    detail: str
    without: str  # what a run loses when the layer is missing

    def to_dict(self) -> dict:
        return {"name": self.name, "active": self.active, "detail": self.detail, "without": self.without}


def layers() -> list[Layer]:
    """Each protection layer, active or not on this machine (probed, nothing changed)."""
    from mlkata.judge import landlock
    from mlkata.judge.sandbox import PidsCgroup

    out = [Layer("environment", True, "only PATH, locale and thread counts; HOME is the run's directory", "")]
    sim = simulated_missing()
    abi = 0 if "landlock" in sim else landlock.abi_version()
    if abi >= 1:
        extras = [x for x, need in (("no TCP", 4), ("no device ioctl", 5), ("no signals out", 6)) if abi >= need]
        out.append(Layer("landlock", True, f"ABI {abi}: reads only Python and system files, writes only in "
                         f"the run's directory" + "".join(", " + x for x in extras), ""))
    else:
        out.append(Layer("landlock", False, "not available in this kernel (Linux >= 5.13 with landlock in the LSM list)",
                         "a submission can read and write any file you can: your progress database, "
                         "mlkata's caches (checked before use, never executed), your home directory"))
    ok, detail = seccomp_available() if "seccomp" not in sim else (False, "disabled (MLKATA_SANDBOX_SIMULATE_MISSING)")
    out.append(Layer("seccomp", ok, (detail + ": no sockets, TIOCSTI, ptrace or io_uring") if ok else detail,
                     "" if ok else "a submission can open network connections and reach your Unix sockets "
                     "(tmux, ssh-agent, D-Bus)"))
    cg = PidsCgroup.probe()
    out.append(Layer("cgroup", cg is not None, cg or "no writable pids cgroup (needs root or a delegated cgroup)",
                     "" if cg else "the process cap falls back to RLIMIT_NPROC (not binding for root); "
                     "processes are still tracked and killed by the supervisor"))
    out.append(Layer("session", True, "no controlling terminal, stdin from /dev/null", ""))
    out.append(Layer("rlimits", True, "memory, file size, no core dumps; wall clock watched", ""))
    out.append(Layer("guardian", True, "kills every run when mlkata dies, even by SIGKILL", ""))
    return out


def simulated_missing() -> set[str]:
    """Layers to leave out, as on a kernel without them (tests and benchmarks only)."""
    return {x for x in os.environ.get("MLKATA_SANDBOX_SIMULATE_MISSING", "").split(",") if x}


def missing_in_run(report: dict | None) -> list[str]:
    """The kernel layers a run went without, from what its child reported."""
    if not report:
        return []
    missing = []
    if not report.get("landlock"):
        missing.append("landlock")
    if not report.get("seccomp"):
        missing.append("seccomp")
    return missing


def first_run_notice(report: dict | None, home: Path) -> str | None:
    """One line about the layers this machine lacks, the first time a run goes without them
    (remembered in mlkata's home); None when nothing is missing or it was said before."""
    missing = missing_in_run(report)
    if not missing:
        return None
    marker = home / "sandbox-notice"
    said = ",".join(sorted(missing))
    try:
        if marker.read_text().strip() == said:
            return None
    except OSError:
        pass
    try:
        home.mkdir(parents=True, exist_ok=True)
        marker.write_text(said + "\n")
    except OSError:
        pass
    what = {"landlock": "your files (it can read and write anything you can)",
            "seccomp": "the network and your Unix sockets (tmux, ssh-agent)"}
    return ("this machine lacks sandbox layer(s) " + ", ".join(missing) + ": a submission is not kept from "
            + " or ".join(what[m] for m in missing) + ". Run `mlkata doctor` for details.")
