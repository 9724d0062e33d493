"""Forbidden APIs ("implement softmax without calling a softmax").

Two layers:

* :func:`scan_source` reads the candidate's source and resolves names through its imports
  (``import torch.nn.functional as F`` makes ``F.softmax`` mean ``torch.nn.functional.softmax``;
  ``getattr(torch, "softmax")`` counts too). Code under ``if __name__ == "__main__":`` is
  ignored: a candidate may compare with the library in a self-test there.
* :func:`install_guards` (sandbox side) replaces each forbidden function by a wrapper that
  raises when it is called directly from the candidate's file, so aliases and ``getattr``
  with computed strings are caught while the code runs. Library code that calls the same
  function internally is not affected, and neither is a candidate's own function that
  happens to share the name.
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


def scan_source(source: str, forbidden: list[str]) -> list[Violation]:
    """Static check. Returns the violations found (a syntax error returns none: the run reports it)."""
    if not forbidden:
        return []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
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
    return found


def _resolve(name: str) -> tuple[Any, str, Any] | None:
    """(owner, attribute, object) for a dotted name, importing modules as needed."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
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


def install_guards(
    forbidden: list[str], candidate_file: str, on_violation: Callable[[Violation], None], roots: set[str]
) -> list[tuple[Any, str, Any]]:
    """Replace forbidden callables by guards. Only modules already imported, or whose root
    is in `roots` (the candidate's imports), are touched. Returns what to restore."""
    patched = []
    for name in forbidden:
        root = name.split(".")[0]
        if root not in sys.modules and root not in roots:
            continue
        found = _resolve(name)
        if found is None:
            continue
        owner, attr, original = found
        if not callable(original):
            continue

        def make(original: Any = original, name: str = name) -> Any:
            @functools.wraps(original)
            def guard(*args: Any, **kwargs: Any) -> Any:
                frame = sys._getframe(1)
                if frame.f_code.co_filename == candidate_file:
                    v = Violation(name, frame.f_lineno)
                    on_violation(v)
                    raise ForbiddenAPIError(v.message())
                return original(*args, **kwargs)

            return guard

        try:
            setattr(owner, attr, make())
        except (AttributeError, TypeError):
            continue
        patched.append((owner, attr, original))
    return patched


def imported_roots(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots
