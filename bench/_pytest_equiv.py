"""A plain pytest file that runs the same oracle cases on a solution, for side-by-side timing."""

from __future__ import annotations

import pickle
from pathlib import Path

TEMPLATE = '''
import importlib.util
import pickle

import pytest

from mlkata.judge.codec import decode, encode
from mlkata.judge.compare import compare

with open({data!r}, "rb") as f:
    ENTRY, CASES = pickle.load(f)
spec = importlib.util.spec_from_file_location("solution", {solution!r})
solution = importlib.util.module_from_spec(spec)
spec.loader.exec_module(solution)


@pytest.mark.parametrize("name,args,kwargs,expected,tol", CASES, ids=[c[0] for c in CASES])
def test_case(name, args, kwargs, expected, tol):
    got = encode(getattr(solution, ENTRY)(*decode(args), **decode(kwargs)))
    assert compare(expected, got, tol) is None
'''


def write(problem, dest: Path) -> Path:
    """tests for `problem`'s reference on its oracle cases (plain compare, no sandbox)."""
    from mlkata.judge.core import load_cases

    cases = load_cases(problem).cases
    data = dest / f"{problem.id}-cases.pkl"
    rows = [(c.name, c.args, c.kwargs, c.expected, c.tol or problem.tol_for(c.dtype))
            for c in cases if not c.run and not c.check and not c.requires_grad]
    with data.open("wb") as f:
        pickle.dump((problem.entry, rows), f)
    test = dest / f"test_{problem.id.replace('-', '_')}.py"
    test.write_text(TEMPLATE.format(data=str(data), solution=str(problem.solution_path)))
    return test
