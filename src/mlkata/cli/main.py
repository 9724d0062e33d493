"""The `mlkata` command. Each command group lives in its own module and is loaded lazily,
so `mlkata --help` imports neither NumPy nor PyTorch."""

from __future__ import annotations

import errno
import importlib
import os
import sys

import click

# command name -> "module:attribute"; modules are imported only when the command runs
COMMANDS = {
    "list": "mlkata.cli.problems:list_cmd",
    "show": "mlkata.cli.problems:show_cmd",
    "start": "mlkata.cli.problems:start_cmd",
    "check": "mlkata.cli.problems:check_cmd",
    "hint": "mlkata.cli.problems:hint_cmd",
    "solution": "mlkata.cli.problems:solution_cmd",
    "review": "mlkata.cli.cards:review_cmd",
    "cards": "mlkata.cli.cards:cards_cmd",
    "import": "mlkata.cli.cards:import_group",
    "demo": "mlkata.cli.demo:demo_cmd",
    "log": "mlkata.cli.log:log_group",
    "next": "mlkata.cli.next:next_cmd",
    "stats": "mlkata.cli.dashboard:stats_cmd",
    "mock": "mlkata.cli.mock:mock_cmd",
    "export": "mlkata.cli.export:export_group",
    "watch": "mlkata.cli.watch:watch_cmd",
    "dev": "mlkata.cli.dev:dev_group",
    "doctor": "mlkata.cli.doctor:doctor_cmd",
    "serve": "mlkata.cli.serve:serve_cmd",
}

HELP = {
    "list": "List the problems with your status.",
    "show": "Show a problem's statement.",
    "start": "Write a problem's starter into your workspace.",
    "check": "Judge your solution of a problem.",
    "hint": "Show the next hint of a problem.",
    "solution": "Show the reference solution (recorded as seen).",
    "review": "Review concept cards (FSRS spaced repetition).",
    "cards": "List the card decks, a deck's cards, or one card.",
    "import": "Import your own material (a Markdown cheat sheet as cards).",
    "demo": "Run an experiment behind one of the sheet's claims.",
    "log": "The practice log: status, review dates, export/import the sheet's table.",
    "next": "What to do now: due reviews, then shaky/unknown, then new problems.",
    "stats": "Your practice over time: plots of checks, pass rate, cards, retention.",
    "mock": "A timed mock interview: one coding problem, then concept questions.",
    "export": "Export concept cards (Anki).",
    "watch": "Re-judge a problem each time you save it (keys: next, hint, list, reset, quit).",
    "dev": "Maintainer commands (bank self-check).",
    "doctor": "Which sandbox layers protect you on this machine.",
    "serve": "The trainer in your browser: editor, judge, review, log (local, token-protected).",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # short help without importing every command module
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP.get(name, "")) for name in COMMANDS])

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            import difflib

            name = args[0] if args else ""
            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise click.UsageError(f"No such command '{name}'.{hint}", ctx) from None

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except SystemExit as done:
            code = done.code
            try:  # the output is buffered: a full disk shows only now
                sys.stdout.flush()
            except OSError as exc:
                try:  # the interpreter flushes again at exit: let that go nowhere
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                except (OSError, ValueError):
                    pass
                if exc.errno != errno.EPIPE:  # the reader left (`mlkata log --export md | head`): not an error
                    click.echo(f"Error: cannot write the output: {exc.strerror}", err=True)
                    code = 1
            raise SystemExit(code) from None

    def invoke(self, ctx: click.Context):
        # storage failures (database, folders, files written) are one line on stderr, exit 1
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except Exception as exc:
            message = _storage_message(exc)
            if message is None:
                raise
            raise click.ClickException(message) from None


# OSErrors that describe the machine's files (a missing folder, no permission, a full disk)
_MACHINE_ERRNOS = {getattr(errno, n) for n in ("EPERM", "ENOENT", "EACCES", "EEXIST", "ENOTDIR", "EISDIR",
                                                "ENOSPC", "EFBIG", "EROFS", "EDQUOT") if hasattr(errno, n)}
_FULL_ERRNOS = {getattr(errno, n) for n in ("ENOSPC", "EFBIG", "EROFS", "EDQUOT") if hasattr(errno, n)}


def _storage_message(exc: Exception) -> str | None:
    """One line for a failure of the machine's storage; None for anything else (a bug: traceback).

    MLKATA_DEBUG=1 keeps every traceback."""
    import sqlite3

    from mlkata.store.errors import StoreError, os_error, sqlite_error

    if os.environ.get("MLKATA_DEBUG"):
        return None
    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):  # raised outside a `with conn:` block
        from mlkata import paths

        try:
            where: object = paths.database()
        except StoreError:
            where = "in MLKATA_HOME"
        err = sqlite_error(exc, where)
        return None if err is None else str(err)
    if isinstance(exc, OSError) and exc.errno in _MACHINE_ERRNOS:
        if exc.filename is not None:
            return str(os_error(exc, exc.filename, "the file", verb="use"))
        if exc.errno in _FULL_ERRNOS:  # a write to an open file or to the output
            return str(os_error(exc, None, "the output or a file"))
    return None


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mlkata")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """mlkata: practise ML and coding-interview problems offline, judged on your laptop.

    \b
    Quick tour:
      mlkata                      # dashboard: what to do now, progress, streak
      mlkata list                 # the problems and your status
      mlkata start softmax        # writes ~/mlkata-workspace/softmax.py
      mlkata check softmax        # judges it: verdict, failing case, the mistake seen
      mlkata hint softmax         # concept, then shape, then step by step
    """
    if ctx.invoked_subcommand is None:
        from mlkata.cli.dashboard import dashboard

        dashboard()


def _exit_on(signum: int, _frame: object) -> None:
    # unwinds like Ctrl-C does, so every running check kills its processes on the way out
    raise SystemExit(128 + signum)


def main() -> None:
    import signal

    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(sig, _exit_on)
        except (ValueError, OSError):  # not the main thread, or no such signal here
            pass
    try:
        cli(prog_name="mlkata")
    except SystemExit as done:
        if "torch" in sys.modules:  # a check built cases or ran a torch oracle in this process
            _exit_now(done.code)
        raise


def _exit_now(code: object) -> None:
    """End the process once its output is out, skipping the interpreter's teardown: torch's
    takes ~0.35 s after the verdict is printed (most of what a first check costs over the
    next one). Nothing is left to do by then: the store commits and closes in each command,
    every file is written atomically, the sandboxes and warm workers are stopped."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): what the interpreter would print
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: LazyGroup.main already reported it
            pass
    os._exit(status)
