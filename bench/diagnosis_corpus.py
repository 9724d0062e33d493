"""Diagnosis rate on the held-out corpus of wrong variants (tests/fixtures/diagnosis_corpus).

Each file is a wrong submission written independently of the bank's planted mistakes; its first
line says what a faithful judge should name: `# expect: <mistake id>` (several allowed, `a|b`),
or `# expect: none` (no catalogued mistake is this one: the judge must not name any).

    python bench/diagnosis_corpus.py [--corpus DIR] [PROBLEM ...]

(--corpus picks another folder laid out the same way, e.g. tests/fixtures/diagnosis_corpus_fresh,
a later corpus written blind from the statements alone) prints one line per variant and the two figures: named % (variants with an expected mistake that
got exactly that name) and wrongly named (variants that got a name they should not have)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "diagnosis_corpus"


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


def variants(only: list[str] | None = None, corpus: Path = CORPUS) -> list[tuple[str, Path, set[str]]]:
    out = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        if only and folder.name not in only:
            continue
        for f in sorted(folder.glob("*.py")):
            head = f.read_text().splitlines()[0]
            assert head.startswith("# expect:"), f
            want = head.split(":", 1)[1].split()[0]  # a comment may follow
            out.append((folder.name, f, set() if want == "none" else set(want.split("|"))))
    return out


def run(only: list[str] | None = None, corpus: Path = CORPUS) -> list[Outcome]:
    from mlkata.bank import load_bank
    from mlkata.judge.core import judge

    bank = load_bank()
    results = []
    for pid, path, expect in variants(only, corpus):
        r = judge(bank.get(pid), path.read_text(), str(path))
        got = r.diagnosis.id if r.diagnosis else None
        if r.status == "pass":  # a core pass with an edge note: its note's diagnosis
            got = next((t.diagnosis for t in r.tests if t.diagnosis), None)
        results.append(Outcome(pid, path.name, expect, r.status, got))
    return results


def summary(results: list[Outcome]) -> tuple[float, int, int]:
    expecting = [o for o in results if o.expect]
    named = sum(o.named for o in expecting)
    return (100.0 * named / len(expecting) if expecting else 100.0), sum(o.wrong for o in results), len(expecting)


def main() -> None:
    ap = argparse.ArgumentParser(description="Diagnosis rate on a corpus of wrong variants.")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=f"corpus folder (default {CORPUS})")
    ap.add_argument("problems", nargs="*", help="only these problem ids")
    args = ap.parse_args()
    results = run(args.problems or None, args.corpus.resolve())
    for o in results:
        mark = "ok " if (o.named or (not o.expect and o.got is None)) else ("BAD" if o.wrong else "-- ")
        print(f"{mark} {o.problem}/{o.file}: {o.status}, named {o.got!r}, expected {sorted(o.expect) or 'none'}")
    pct, wrong, n = summary(results)
    print(f"\n{len(results)} variants ({n} with a catalogued mistake): named {pct:.0f}%, wrongly named {wrong}")


if __name__ == "__main__":
    main()
