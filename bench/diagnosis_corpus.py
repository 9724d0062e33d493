"""Diagnosis rate on the diagnosis corpus: each problem's `.meta/corpus/*.py`.

Each file is a wrong submission written independently of the bank's planted mistakes; its first
line says what a faithful judge should name: `# expect: <mistake id>` (several allowed, `a|b`),
or `# expect: none` (no catalogued mistake is this one: the judge must not name any).
`mlkata dev check` judges the same files (a wrong name is a failing finding); this script
prints the figures for the whole bank, or for another folder laid out as <problem-id>/*.py.

    python bench/diagnosis_corpus.py [--corpus FOLDER] [PROBLEM ...]

prints one line per variant and the two figures: named % (variants with an expected mistake that
got exactly that name) and wrongly named (variants that got a name they should not have)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Outcome:
    problem: str
    file: str
    expect: set[str]      # empty: no name expected
    status: str
    got: str | None

    @property
    def named(self) -> bool:
        return bool(self.expect) and self.got in self.expect

    @property
    def wrong(self) -> bool:
        return self.got is not None and self.got not in self.expect


def variants(only: list[str] | None = None, folder: Path | None = None) -> list[tuple[str, Path, set[str]]]:
    from mlkata.bank import load_bank
    from mlkata.judge.selfcheck import corpus_expectation

    bank = load_bank()
    out = []
    for p in bank.ordered():
        if only and p.id not in only:
            continue
        files = sorted((folder / p.id).glob("*.py")) if folder else p.corpus
        out += [(p.id, f, corpus_expectation(p, f)) for f in files]
    return out


def run(only: list[str] | None = None, folder: Path | None = None) -> list[Outcome]:
    from mlkata.bank import load_bank
    from mlkata.judge.core import judge
    from mlkata.judge.selfcheck import named_by

    bank = load_bank()
    results = []
    for pid, path, expect in variants(only, folder):
        r = judge(bank.get(pid), path.read_text(), str(path))
        results.append(Outcome(pid, path.name, expect, r.status, named_by(r)))
    return results


def summary(results: list[Outcome]) -> tuple[float, int, int]:
    expecting = [o for o in results if o.expect]
    named = sum(o.named for o in expecting)
    return (100.0 * named / len(expecting) if expecting else 100.0), sum(o.wrong for o in results), len(expecting)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, help="a folder of <problem-id>/*.py variants (default: the bank's own corpus)")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    results = run(args.ids or None, args.corpus)
    for o in results:
        mark = "ok " if (o.named or (not o.expect and o.got is None)) else ("BAD" if o.wrong else "-- ")
        print(f"{mark} {o.problem}/{o.file}: {o.status}, named {o.got!r}, expected {sorted(o.expect) or 'none'}")
    pct, wrong, n = summary(results)
    print(f"\n{len(results)} variants ({n} with a catalogued mistake): named {pct:.0f}%, wrongly named {wrong}")


if __name__ == "__main__":
    main()
