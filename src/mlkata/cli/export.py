"""`mlkata export`: take your cards elsewhere."""

from __future__ import annotations

import click


@click.group("export")
def export_group() -> None:
    """Export concept cards."""


@export_group.command("anki")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--deck", "decks", multiple=True, help="Only these deck ids (default: all).")
def export_anki(file: str, decks: tuple[str, ...]) -> None:
    """Write the concept cards to an Anki package. Re-exporting updates notes in Anki
    instead of duplicating them (note GUIDs come from card ids).

    Example: mlkata export anki mlkata.apkg
    """
    from mlkata import terminal
    from mlkata.study import anki
    from mlkata.cli.cards import decks as load_all_decks

    all_decks = load_all_decks()  # a malformed or non-UTF-8 deck file: a clear error, not a traceback
    chosen = [d for d in all_decks if not decks or d.id in decks]
    unknown = set(decks) - {d.id for d in all_decks}
    if unknown:
        raise click.UsageError(f"unknown deck(s): {', '.join(sorted(unknown))} (decks: {', '.join(d.id for d in all_decks)})")
    from mlkata.store.files import atomic_output

    with atomic_output(file, "the Anki package", suffix=".apkg") as tmp:  # all or nothing; a bad path is one line
        n = anki.export(chosen, tmp)
    terminal.print(f"wrote {n} notes in {len(chosen)} deck(s) to {file}")
