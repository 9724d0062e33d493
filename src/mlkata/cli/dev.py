"""Maintainer commands."""

from __future__ import annotations

import sys

import click


@click.group("dev")
def dev_group() -> None:
    """Maintainer commands for the problem bank."""


@dev_group.command("check")
@click.argument("ids", nargs=-1)
@click.option("--workers", type=int, help="Parallel sandboxes (default: the number of cores).")
@click.option("--cold", is_flag=True, help="Start a fresh interpreter per run instead of forking warm workers.")
@click.option("--ship", is_flag=True, help="Rebuild the cases and store them, with the mistakes' signatures, "
              "in each problem's .meta/shipped/ (commit them: a user's first check then builds nothing).")
def dev_check(ids: tuple[str, ...], workers: int | None, cold: bool, ship: bool) -> None:
    """Self-check the bank: references pass, starters fail, each mistake gets its own diagnosis,
    and the shipped cases and signatures are those of the problem's files.

    Example: mlkata dev check softmax   (after editing a problem: mlkata dev check --ship softmax)
    """
    from mlkata import terminal
    from mlkata.cli.common import bank, problem
    from mlkata.judge.selfcheck import run_selfcheck

    b = bank()
    ids = tuple(problem(i).id for i in ids)  # prefixes and shortcuts resolve to ids
    report = run_selfcheck(b, list(ids) or None, workers=workers, warm=not cold, ship=ship)
    rows = []
    for f in report.findings:
        mark = "[green]ok[/]" if f.ok else "[bold red]FAIL[/]"
        rows.append([f.problem, f.subject, mark, terminal.escape(f.detail), f"{f.seconds:.1f}"])
    terminal.table("bank self-check", ["problem", "subject", "", "detail", "s"], rows)
    slow = sorted(report.timings.items(), key=lambda kv: -kv[1])[:5]
    terminal.print("where the time goes (summed sandbox seconds): "
                   + ", ".join(f"{k} {v:.1f}s" for k, v in slow))
    cases_s = sum(f.seconds for f in report.findings if f.subject == "cases")
    runs_s = sum(f.seconds for f in report.findings if f.subject != "cases")
    runs_n = sum(f.subject != "cases" for f in report.findings)
    how = (f"{report.workers_started} warm worker(s) started, {report.workers_wait:.1f}s waiting for their imports"
           if report.workers_started >= 0 else "cold runs (a fresh interpreter each)")
    terminal.print(f"phases: oracle cases {cases_s:.1f}s, {runs_n} sandbox runs {runs_s:.1f}s "
                   f"(summed over {report.slots} parallel slots); {how}")
    from mlkata.judge.selfcheck import corpus_figures

    variants, expecting, pct, wrong = corpus_figures(report.findings)
    if variants:
        terminal.print(f"diagnosis corpus: {variants} wrong variants, {expecting} of a catalogued mistake: "
                       f"named {pct:.0f}%, wrongly named {wrong}")
    bad = sum(not f.ok for f in report.findings)
    terminal.print(f"{len(report.findings) - bad} ok, {bad} failing, {report.seconds:.1f}s wall clock")
    sys.exit(0 if report.ok else 1)


@dev_group.command("cards")
def dev_cards() -> None:
    """Self-check the card decks: Q1..Qn numbering with follow-ups, unique ids, links to
    problems that exist in the bank, math that renders without raw LaTeX.

    Example: mlkata dev cards
    """
    from mlkata import terminal
    from mlkata.study.cards import check_decks

    findings = check_decks()
    rows = [[f.deck, f.subject, "[green]ok[/]" if f.ok else "[bold red]FAIL[/]", terminal.escape(f.detail)]
            for f in findings]
    terminal.table("card self-check", ["deck", "subject", "", "detail"], rows)
    bad = sum(not f.ok for f in findings)
    terminal.print(f"{len(findings) - bad} ok, {bad} failing")
    sys.exit(0 if not bad else 1)
