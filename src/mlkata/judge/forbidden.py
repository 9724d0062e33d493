"""Forbidden APIs ("implement softmax without calling a softmax").

Two layers:

* :func:`scan_source` reads the candidate's source and resolves names through its imports
  (``import torch.nn.functional as F`` makes ``F.softmax`` mean ``torch.nn.functional.softmax``;
  ``getattr(torch, "softmax")`` counts too). Code under ``if __name__ == "__main__":`` is
  ignored: a candidate may compare with the library in a self-test there.
* :func:`install_guards` (sandbox side) replaces each forbidden function, every alias of it
  and the Tensor method of the same name by a tripwire that raises when candidate code calls
  it: the candidate's file, or any code compiled at run time (``exec(compile(...))``), however
  the name was reached (``getattr(__import__("to" + "rch"), "soft" + "max")``). Library code
  that calls the same function internally is not affected, and neither is a candidate's own
  function that happens to share the name. These are tripwires against shortcuts, not a
  security boundary: code in the same process can always dig out the original; the kernel
  layers (mlkata.judge.isolation) are what protect the machine.
"""

from __future__ import annotations

import ast
import functools
import importlib
import sys
from dataclasses import dataclass
from typing import Any, Callable


@dataclass
class Violation:
    api: str
    line: int

    def message(self) -> str:
        return f"line {self.line}: `{self.api}` is not allowed in this problem"


class ForbiddenAPIError(RuntimeError):
    pass


def _is_main_guard(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )


def _matches(qualified: str, forbidden: list[str]) -> str | None:
    for name in forbidden:
        if qualified == name or qualified.startswith(name + "."):
            return name
    return None


def expand(forbidden: list[str]) -> list[str]:
    """The forbidden names plus the other doors to the same torch op: ``torch.X`` is also
    ``torch.Tensor.X``, ``torch._C._VariableFunctions.X`` and ``torch.ops.aten.X``."""
    out = list(forbidden)
    for name in forbidden:
        parts = name.split(".")
        if parts[0] != "torch" or len(parts) < 2:
            continue
        head, attr = ".".join(parts[:-1]), parts[-1]
        if head in ("torch", "torch.nn.functional", "torch.special", "torch.linalg"):
            for alias in (f"torch.Tensor.{attr}", f"torch._C._VariableFunctions.{attr}", f"torch.ops.aten.{attr}"):
                if alias not in out:
                    out.append(alias)
    return out


def scan_source(source: str, forbidden: list[str]) -> list[Violation]:
    """Static check. Returns the violations found (a syntax error returns none: the run reports it).
    The judge runs this inside the sandbox (:func:`scan_tree`); maintainers' files are scanned here."""
    if not forbidden:
        return []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return scan_tree(tree, forbidden)[0]


def scan_tree(tree: ast.Module, forbidden: list[str]) -> tuple[list[Violation], set[str]]:
    """(violations, imported roots) of a parsed file."""
    roots = _roots(tree)
    if not forbidden:
        return [], roots
    forbidden = expand(forbidden)
    tree = ast.Module(body=list(tree.body), type_ignores=[])
    # drop `if __name__ == "__main__":` blocks at module level
    tree.body = [node for node in tree.body if not _is_main_guard(node)]
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    aliases[a.asname] = a.name
                else:
                    root = a.name.split(".")[0]
                    aliases[root] = root
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                if a.name != "*":
                    aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    found: list[Violation] = []

    def qualify(expr: ast.AST) -> str | None:
        parts = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if isinstance(expr, ast.Name) and expr.id in aliases:
            return ".".join([aliases[expr.id]] + parts[::-1])
        return None

    seen_lines: set[tuple[str, int]] = set()

    def record(qualified: str | None, line: int) -> None:
        if qualified is None:
            return
        hit = _matches(qualified, forbidden)
        if hit and (hit, line) not in seen_lines:
            seen_lines.add((hit, line))
            found.append(Violation(hit, line))

    for node in ast.walk(tree):
        # an import alone is not a use: `from scipy.special import softmax as ref` at the top of
        # the file, with `ref` used only in the `__main__` self-test, is fine; every use of the
        # imported name elsewhere is caught below (and at run time by the guards)
        if isinstance(node, ast.Attribute) and not isinstance(getattr(node, "ctx", None), ast.Store):
            q = qualify(node)
            # only report the outermost attribute chain once per line
            record(q, node.lineno)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in aliases:
            record(aliases[node.id], node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            base = qualify(node.args[0])
            if base:
                record(f"{base}.{node.args[1].value}", node.lineno)
    # keep the most specific report per line
    found.sort(key=lambda v: v.line)
    return found, roots


_import_module = importlib.import_module  # the real one: install_guards wraps the public name


def _resolve(name: str) -> tuple[Any, str, Any] | None:
    """(owner, attribute, object) for a dotted name, importing modules as needed."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = _import_module(".".join(parts[:cut]))
        except Exception:
            continue
        owner = obj
        try:
            for attr in parts[cut:-1]:
                owner = getattr(owner, attr)
            return owner, parts[-1], getattr(owner, parts[-1])
        except AttributeError:
            return None
    return None


# where library code lives: a forbidden function called from here is the library's own use
def _trusted_roots() -> tuple[str, ...]:
    import os

    from mlkata.judge.isolation import python_roots

    roots = set(python_roots())
    roots.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # mlkata itself
    return tuple(os.path.join(os.path.abspath(r), "") for r in roots)


# namespaces where one function is reachable under several names (torch.softmax is
# torch._C._VariableFunctions.softmax, torch.special.softmax is another door to it, ...)
_ALIAS_SPACES = ("torch", "torch.nn.functional", "torch.special", "torch.functional", "torch._C._VariableFunctions",
                 "torch._C._nn", "torch._C._special", "torch._C._linalg", "torch.linalg", "numpy", "numpy.linalg",
                 "scipy.special", "bisect", "_bisect")


class _Guards:
    """Runtime tripwires for one run (installed before the submission is compiled)."""

    def __init__(self, forbidden: list[str], candidate_file: str, on_violation: Callable[[Violation], None]):
        self.forbidden = list(forbidden)
        self.candidate_file = candidate_file
        self.on_violation = on_violation
        self.pending = set(forbidden)
        self.patched: list[tuple[Any, str, Any]] = []
        self._flushing = False
        self.trusted = _trusted_roots()

    # -- who is calling -------------------------------------------------------------------
    def candidate_frame(self, frame: Any) -> bool:
        """True when `frame` is not library code: the candidate's file, code it compiled at run
        time (exec/compile with any file name), or code running in a namespace that is not the
        real module it claims to be."""
        code = frame.f_code
        if code.co_filename == self.candidate_file:
            return True
        g = frame.f_globals
        name = g.get("__name__")
        if name == "solution":
            return True
        mod = sys.modules.get(name) if isinstance(name, str) else None
        if mod is None or getattr(mod, "__dict__", None) is not g:
            return True
        return not code.co_filename.startswith(self.trusted)

    # -- installing -----------------------------------------------------------------------
    def make(self, original: Any, name: str) -> Any:
        guards = self

        @functools.wraps(original)
        def guard(*args: Any, **kwargs: Any) -> Any:
            frame = sys._getframe(1)
            if guards.candidate_frame(frame):
                v = Violation(name, frame.f_lineno if frame.f_code.co_filename == guards.candidate_file else 0)
                guards.on_violation(v)
                raise ForbiddenAPIError(v.message() if v.line else f"`{name}` is not allowed in this problem")
            return original(*args, **kwargs)

        try:
            del guard.__wrapped__  # no direct way back to the original
        except AttributeError:
            pass
        guard.__mlkata_guard__ = True
        return guard

    def _set(self, owner: Any, attr: str, original: Any, name: str) -> bool:
        try:
            setattr(owner, attr, self.make(original, name))
        except (AttributeError, TypeError):
            return False
        self.patched.append((owner, attr, original))
        return True

    def patch(self, name: str) -> bool:
        """Guard `name` and every alias of it; False if it cannot be resolved yet."""
        if name.startswith("torch.ops."):
            return True  # op packets carry overloads (.default, .int) torch itself uses: static check only
        found = _resolve(name)
        if found is None:
            return False
        owner, attr, original = found
        if not callable(original) or getattr(original, "__mlkata_guard__", False):
            return True
        self._set(owner, attr, original, name)
        for space in _ALIAS_SPACES:
            mod = _loaded(space)
            if mod is None or mod is owner:
                continue
            try:
                keys = list(getattr(mod, "__dict__", None) or dir(mod))
            except Exception:
                continue
            for key in keys:
                try:
                    value = getattr(mod, key)
                except Exception:
                    continue
                if value is original:
                    self._set(mod, key, original, name)
        torch = sys.modules.get("torch")
        if torch is not None and name.startswith("torch.") and not name.startswith("torch.nn.") \
                or name.startswith("torch.nn.functional."):
            # the same op as a Tensor method, and in torch's C namespace
            for space in (getattr(torch, "Tensor", None), getattr(getattr(torch, "_C", None), "_VariableFunctions", None)):
                method = getattr(space, attr, None) if space is not None else None
                if method is not None and callable(method) and not getattr(method, "__mlkata_guard__", False):
                    self._set(space, attr, method, f"torch.{'Tensor' if space is torch.Tensor else '_C._VariableFunctions'}.{attr}")
        return True

    def flush(self) -> None:
        """Guard what has become importable since (a module the submission imported late)."""
        if self._flushing:
            return
        self._flushing = True
        try:
            self._flush()
        finally:
            self._flushing = False

    def _flush(self) -> None:
        # each name is tried once its package is imported (resolving it imports the rest)
        for name in list(self.pending):
            if name.split(".")[0] in sys.modules:
                self.pending.discard(name)
                try:
                    self.patch(name)
                except Exception:  # a half-importable package: its calls stay unguarded
                    pass


def _loaded(dotted: str) -> Any:
    obj = sys.modules.get(dotted.split(".")[0])
    for part in dotted.split(".")[1:]:
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def install_guards(
    forbidden: list[str], candidate_file: str, on_violation: Callable[[Violation], None], roots: set[str]
) -> list[tuple[Any, str, Any]]:
    """Replace forbidden callables (and their aliases, and the Tensor methods of the same
    name) by tripwires that raise when candidate code calls them, whatever name it reached
    them by. Modules already imported or imported by the file are guarded now; the others as
    soon as the submission imports them (``__import__("to" + "rch")`` included). Returns what
    was patched."""
    if not forbidden:
        return []
    forbidden = expand(forbidden)
    guards = _Guards(forbidden, candidate_file, on_violation)
    for name in forbidden:
        root = name.split(".")[0]
        if root in sys.modules or root in roots:
            guards.pending.discard(name)
            try:
                guards.patch(name)
            except Exception:
                pass
    if guards.pending:
        import builtins

        real_import = builtins.__import__
        real_import_module = importlib.import_module
        depth = [0]  # flush only when the outermost import is complete (torch imports itself)

        def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
            def guarded(*args: Any, **kwargs: Any) -> Any:
                depth[0] += 1
                try:
                    module = real(*args, **kwargs)
                finally:
                    depth[0] -= 1
                if guards.pending and depth[0] == 0:
                    guards.flush()
                return module

            return guarded

        guarded_import, guarded_import_module = wrap(real_import), wrap(real_import_module)
        builtins.__import__ = guarded_import
        importlib.import_module = guarded_import_module
    return guards.patched


def imported_roots(source: str) -> set[str]:
    """The top-level packages a file imports, read without parsing it (the judge never parses
    a submission itself: a hostile file could exhaust its memory or stack). Used to choose
    what a run preimports; the sandbox parses the file for the real check."""
    import re

    roots = set()
    for m in re.finditer(r"^[ \t]*(?:from[ \t]+([A-Za-z_][\w]*)[\w.]*[ \t]+import\b|import[ \t]+([^#\n;]+))",
                         source[:1_000_000], re.M):
        if m.group(1):
            roots.add(m.group(1))
        else:
            for part in m.group(2).split(","):
                name = part.strip().split(" ")[0].split(".")[0]
                if name.isidentifier():
                    roots.add(name)
    return roots


def _roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots
