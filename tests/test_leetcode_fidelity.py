"""LeetCode fidelity: accepted-style solutions that lean on the names LeetCode's Python 3
environment provides without an import pass through `mlkata check`; the cases respect the
statements' constraints (so solutions that rely on them pass), and the self-check rejects a case
that breaks them."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from mlkata.bank import load_bank
from mlkata.bank.loader import default_root


def check(mlkata, tmp_path, problem: str, code: str):
    path = tmp_path / f"{problem}.py"
    path.write_text(textwrap.dedent(code))
    return mlkata("check", problem, "--file", str(path))


def test_implicit_names_from_operator_math_random_and_more(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "climbing-stairs", """
        class Solution:
            def climbStairs(self, n: int) -> int:
                # names LeetCode binds without imports: operator, math, random, itertools, functools
                assert xor(6, 3) == 5 and or_(4, 1) == 5 and and_(6, 3) == 2
                assert hypot(3, 4) == 5.0 and dist((0, 0), (6, 8)) == 10.0 and isqrt(17) == 4
                assert 1 <= randint(1, 3) <= 3 and choice([7]) == 7
                assert ascii_lowercase[:3] == "abc" and itemgetter(1)([5, 6]) == 6
                assert mean([1, 3]) == 2 and reduce(add, [1, 2, 3]) == 6
                a, b = 1, 1
                for _ in range(n - 1):
                    a, b = b, add(a, b)
                return b
        """)
    assert r.exit_code == 0, r.output


def test_prefix_maxima_with_accumulate_and_sub(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "trapping-rain-water", """
        class Solution:
            def trap(self, height: List[int]) -> int:
                if not height:
                    return 0
                left = list(accumulate(height, max))
                right = list(accumulate(reversed(height), max))[::-1]
                return sum(map(sub, map(min, left, right), height))
        """)
    assert r.exit_code == 0, r.output


def test_builtins_are_not_shadowed_by_the_prelude(mlkata, tmp_path):
    # math.pow and the builtin pow differ on a third argument: LeetCode's `pow` is the builtin
    r = check(mlkata, tmp_path, "climbing-stairs", """
        def climb(n):
            assert pow(3, 4, 5) == 1 and abs(-2) == 2
            a, b = 1, 1
            for _ in range(n - 1):
                a, b = b, a + b
            return b
        """)
    assert r.exit_code == 0, r.output


def test_a_128_entry_table_solution_passes_longest_substring(mlkata, tmp_path):
    r = check(mlkata, tmp_path, "longest-substring-without-repeating-characters", """
        class Solution:
            def lengthOfLongestSubstring(self, s: str) -> int:
                last = [-1] * 128          # LeetCode 3's alphabet is ASCII
                best = left = 0
                for right, c in enumerate(s):
                    left = max(left, last[ord(c)] + 1)
                    last[ord(c)] = right
                    best = max(best, right - left + 1)
                return best
        """)
    assert r.exit_code == 0, r.output


def test_a_solution_relying_on_distinct_prerequisites_passes_course_schedule(mlkata, tmp_path):
    # adjacency sets with in-degrees counted per pair: right under LeetCode 207's "all pairs are
    # distinct", wrong only on the duplicate pairs the statement rules out
    r = check(mlkata, tmp_path, "course-schedule", """
        class Solution:
            def canFinish(self, numCourses, prerequisites):
                after = [set() for _ in range(numCourses)]
                indeg = [0] * numCourses
                for a, b in prerequisites:
                    after[b].add(a)
                    indeg[a] += 1
                state = [0] * numCourses
                def cyclic(u):  # DFS colours: 1 on the stack, 2 done
                    state[u] = 1
                    for v in after[u]:
                        if state[v] == 1 or (state[v] == 0 and cyclic(v)):
                            return True
                    state[u] = 2
                    return False
                sys.setrecursionlimit(10000)
                ready = deque(c for c in range(numCourses) if indeg[c] == 0)
                taken = 0
                while ready:
                    u = ready.popleft()
                    taken += 1
                    for v in after[u]:
                        indeg[v] -= 1
                        if indeg[v] == 0:
                            ready.append(v)
                assert (taken == numCourses) == (not any(state[c] == 0 and cyclic(c) for c in range(numCourses)))
                return taken == numCourses
        """)
    assert r.exit_code == 0, r.output
    assert "looks like" not in r.output.lower()


def test_every_declared_constraint_holds_for_the_bank():
    from mlkata.judge.selfcheck import check_constraints

    bank = load_bank()
    declared = 0
    for p in bank.ordered():
        found = check_constraints(p)
        if found is not None:
            declared += 1
            assert found.ok, f"{p.id}: {found.detail}"
    assert declared >= 3


@pytest.fixture
def broken_bank(tmp_path, monkeypatch):
    """A bank of merge-intervals only, whose generator gains a case beyond LeetCode's 10^4."""
    root, source = tmp_path / "bank", default_root()
    (root / "problems").mkdir(parents=True)
    shutil.copy(source / "bank.toml", root / "bank.toml")
    shutil.copytree(source / "problems" / "merge-intervals", root / "problems" / "merge-intervals",
                    ignore=shutil.ignore_patterns("__pycache__"))
    cases = root / "problems" / "merge-intervals" / ".meta" / "cases.py"
    cases.write_text(cases.read_text().replace(
        '    yield case("single", [[5, 5]])\n',
        '    yield case("single", [[5, 5]])\n    yield case("far out", [[0, 3], [24000, 24001]])\n'))
    monkeypatch.setenv("MLKATA_BANK", str(root))
    return root


def test_the_self_check_rejects_a_case_outside_the_constraints(mlkata, broken_bank):
    from mlkata.judge.selfcheck import check_constraints

    found = check_constraints(load_bank().get("merge-intervals"))
    assert not found.ok and "'far out'" in found.detail and "24001" in found.detail
    r = mlkata("dev", "check", "merge-intervals")
    assert r.exit_code != 0 and "constraints" in r.output and "far out" in r.output
