"""`mlkata demo`: experiments that reproduce the sheet's claims, computed live."""

from __future__ import annotations

import click


@click.command("demo")
@click.argument("name", required=False)
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Also save the plots to this PNG file.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the experiment.")
@click.option("--no-plot", is_flag=True, help="Numbers and reading only.")
@click.option("--no-pager", is_flag=True, help="Print everything at once, even when taller than the terminal.")
def demo_cmd(name: str | None, png: str | None, seed: int, no_plot: bool, no_pager: bool) -> None:
    """Run a small, seeded experiment behind one of the sheet's claims (seconds on a laptop).

    Without NAME, list the experiments. On a terminal a report taller than the screen opens
    in a pager (as `mlkata show` does).

    Example: mlkata demo scaling --png scaling.png
    """
    from mlkata import demos, terminal

    available = demos.modules()
    if not name:
        # one line each (a title too long for the line ends with "…"; mlkata demo NAME shows it whole)
        terminal.print("[bold]experiments[/] [dim](mlkata demo NAME runs one; --png FILE saves its plots)[/]")
        terminal.compact_table(["name", "what it shows", "sheet"],
                               [[n, terminal.escape(m.TITLE), ", ".join(m.SECTIONS)] for n, m in available.items()],
                               flex=1)
        return
    if name not in available:
        import difflib

        close = difflib.get_close_matches(name, list(available), n=2)
        raise click.UsageError(f"unknown demo '{name}'." + (f" Did you mean: {', '.join(close)}?" if close else ""))
    result = available[name].run(seed=seed)
    terminal.paged(lambda: terminal.render_demo(result, plots=not no_plot), pager=not no_pager)
    if png:
        from mlkata.store.files import atomic_output

        with atomic_output(png, "the PNG", suffix=".png") as tmp:  # all or nothing; a bad path is one line
            terminal.save_png(result.plots, tmp, result.title)
        terminal.print(f"saved {png}")
