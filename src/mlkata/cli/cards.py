"""Card commands: review (spaced repetition), cards (browse decks), import cards."""

from __future__ import annotations

import sys
import time

import click

from mlkata.cli.common import store

KEY_RATINGS = {"1": "again", "2": "hard", "3": "good", "4": "easy",
               "a": "again", "h": "hard", "g": "good", "e": "easy"}


def decks():
    from mlkata.study.cards import CardError, load_decks

    try:
        return load_decks()
    except CardError as exc:
        raise click.ClickException(f"a card deck is malformed: {exc}") from None


def read_key() -> str:
    """One key press. On a terminal: a single keystroke. Otherwise (pipes, tests): one line,
    its first character; an empty line is Enter; end of input means quit."""
    stdin = sys.stdin  # one shared reader: a fresh wrapper per call would lose buffered input
    if stdin.isatty():
        try:
            ch = click.getchar()
        except (KeyboardInterrupt, EOFError):
            return "q"
        click.echo()
        if ch in ("\r", "\n", " "):
            return "enter"
        if ch in ("\x03", "\x04", "\x1b"):
            return "q"
        return ch.lower()
    line = stdin.readline()
    if line == "":
        return "q"
    line = line.strip().lower()
    return line[:1] if line else "enter"


def _render_text(text: str) -> None:
    from mlkata import terminal
    from mlkata.mathtext import to_unicode

    terminal.markdown(to_unicode(text))


@click.command("review")
@click.option("--level", multiple=True, type=click.Choice(["L1", "L2", "L3"]), help="Only this level (repeatable).")
@click.option("--topic", multiple=True, help="Only cards with this topic (repeatable).")
@click.option("--deck", multiple=True, help="Only this deck (repeatable).")
@click.option("--new", "new_per_day", type=click.IntRange(0), default=None,
              help="New cards per day (default 20, or $MLKATA_NEW_CARDS_PER_DAY).")
@click.option("--max", "max_cards", type=click.IntRange(1), default=None, help="Stop after this many cards.")
def review_cmd(level, topic, deck, new_per_day, max_cards) -> None:
    """Review concept cards with FSRS spaced repetition.

    Due cards first, then new ones up to the daily limit. For each card: read the question,
    press Enter to reveal the answer, then rate how well you recalled it; the next interval
    of each rating is shown before you choose. Every rating is saved the moment you give it:
    q (or Ctrl-C) quits at any point without losing anything.

    \b
    keys: Enter reveal · 1/a again · 2/h hard · 3/g good · 4/e easy
          m more (the longer explanation) · s skip · q quit

    Example: mlkata review --level L1 --new 10
    """
    from mlkata import terminal
    from mlkata.study import review, srs

    all_decks = decks()
    known_decks = {d.id for d in all_decks}
    for d in deck:
        if d not in known_decks:
            raise click.UsageError(f"unknown deck '{d}' (decks: {', '.join(sorted(known_decks))})")
    cards = review.select(all_decks, tuple(level), tuple(topic), tuple(deck))
    if not cards:
        raise click.UsageError("no card matches these filters")
    limit = review.new_per_day_default() if new_per_day is None else new_per_day
    deck_titles = {d.id: d.title for d in all_decks}
    counts = {"again": 0, "hard": 0, "good": 0, "easy": 0}
    with store() as conn:
        q = review.build_queue(conn, cards, limit)
        queue = [(c, "due") for c in q.due] + [(c, "new") for c in q.new]
        new_left = q.new_left
        if not queue:
            terminal.print(f"nothing to review now: {q.later} card(s) scheduled later, "
                           f"new-card limit for today reached or no new card left. [dim](mlkata cards)[/]")
            return
        terminal.print(f"[bold]review[/]: {len(q.due)} due, {len(q.new)} new "
                       f"[dim](Enter reveal · 1-4 rate · m more · s skip · q quit)[/]")
        done = 0
        queued = {c.id for c, _ in queue}
        quit_now = False
        while queue and not quit_now:
            if max_cards and done >= max_cards:
                break
            card, why = queue.pop(0)
            started = time.monotonic()
            terminal.console().clear()  # a terminal shows one card at a time, redrawn in place
            terminal.print("")
            deck_title = deck_titles.get(card.deck, card.deck).split(" (")[0]
            deck_title = deck_title if len(deck_title) <= 28 else deck_title[:27] + "…"
            terminal.print(f"[dim]{done + 1}/{done + 1 + len(queue)} · {terminal.escape(deck_title)}"
                           f" · {card.level} · {card.id} · {why}[/]")
            if card.parent:
                terminal.print(f"[dim]follow-up of {card.parent}[/]")
            _render_text(card.question)
            terminal.print("[dim]Enter: show the answer · q: quit[/]")
            while True:
                key = read_key()
                if key == "q":
                    quit_now = True
                    break
                if key in ("enter", "r"):
                    break
                if key == "s":
                    break
            if quit_now:
                break
            if key == "s":
                continue
            terminal.print("[bold cyan]answer[/]")
            _render_text(card.answer)
            links = [f"mlkata demo {d}" for d in card.demos] + [f"mlkata start {p}" for p in card.problems[:2]]
            if links:
                terminal.print("[dim]see it: " + " · ".join(links) + "[/]")
            now = srs.utcnow()
            intervals = srs.preview(conn, card.item, now)
            terminal.print("  ".join(f"[bold]{n}[/] {name} [cyan]{review.format_interval(intervals[name])}[/]"
                                     for n, name in (("1", "again"), ("2", "hard"), ("3", "good"), ("4", "easy")))
                           + ("  [dim]m more[/]" if card.more else "") + "  [dim]s skip · q quit[/]")
            rating = None
            while rating is None:
                key = read_key()
                if key in KEY_RATINGS:
                    rating = KEY_RATINGS[key]
                elif key == "m" and card.more:
                    _render_text(card.more)
                elif key == "s":
                    break
                elif key == "q":
                    quit_now = True
                    break
                else:
                    terminal.print("[dim]rate with 1 (again), 2 (hard), 3 (good) or 4 (easy)[/]")
            if rating is None:
                continue
            rated_at = srs.utcnow()
            after = srs.rate(conn, card.item, "card", rating, now=rated_at,
                             duration_ms=int((time.monotonic() - started) * 1000))
            counts[rating] += 1
            done += 1
            # the interval from the moment of the rating: the very one the preview showed
            terminal.print(f"[dim]{rating}: next in {review.format_interval(after.due - rated_at)}[/]")
            if rating == "again":  # not recalled: it comes back before this session ends
                queue.append((card, "again"))
            # follow-ups become new cards once their parent is known; within the daily limit
            # they take the place of the last new card not shown yet
            for f in review.unlocked_followups(conn, card, cards, queued):
                if new_left > 0:
                    new_left -= 1
                else:
                    last_new = [i for i, (_, w) in enumerate(queue) if w == "new"]
                    if not last_new:
                        break
                    queued.discard(queue.pop(last_new[-1])[0].id)
                queue.append((f, "new follow-up"))
                queued.add(f.id)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    terminal.print("")
    terminal.print(f"[bold]{done} card(s) rated[/]" + (f" ({summary})" if summary else "")
                   + (" — stopped early, every rating given is saved" if quit_now else ""))


@click.command("cards")
@click.argument("target", required=False)
@click.option("--level", type=click.Choice(["L1", "L2", "L3"]), help="Only this level.")
@click.option("--topic", help="Only this topic.")
@click.option("--no-pager", is_flag=True, help="Print everything at once, even when taller than the terminal.")
def cards_cmd(target: str | None, level: str | None, topic: str | None, no_pager: bool) -> None:
    """List the card decks; `mlkata cards DECK` lists a deck's cards; `mlkata cards CARD` shows one card.

    One line per deck or card; on a terminal a list taller than the screen opens in a pager
    (as `mlkata list` does).

    \b
    Example: mlkata cards
             mlkata cards sheet-questions --level L3
             mlkata cards q01-softmax
    """
    from mlkata import terminal
    from mlkata.mathtext import to_unicode
    from mlkata.study import review, srs

    all_decks = decks()
    by_deck = {d.id: d for d in all_decks}
    by_card = {c.id: c for d in all_decks for c in d.cards}
    with store() as conn:
        if target is None:
            rows = []
            for d in all_decks:
                st = [review.card_status(conn, c) for c in d.cards]
                rows.append([d.id, d.title, str(len(d.cards)), str(st.count("new")), str(st.count("due")),
                             "imported" if d.imported else "built-in"])
            terminal.print("[bold]card decks[/]")
            terminal.compact_table(["deck", "title", "cards", "new", "due", "source"], rows, flex=1)
            terminal.print("[dim]mlkata cards DECK lists its cards · mlkata review studies them[/]")
            return
        if target in by_deck:
            cards = [c for c in by_deck[target].cards if (not level or c.level == level) and (not topic or topic in c.topics)]
            rows = []
            for c in cards:
                q = to_unicode(c.question).replace("\n", " ")
                rows.append([c.id, c.level, review.card_status(conn, c), terminal.escape(q)])

            def listing() -> None:  # one line per card: the id whole, the question cut to fit
                terminal.print(f"[bold]{terminal.escape(by_deck[target].title)}[/] [dim]({len(rows)} cards)[/]")
                terminal.compact_table(["card", "level", "status", "question"], rows, flex=3)
                terminal.print("[dim]mlkata cards CARD shows one whole, with its problems · mlkata review[/]")

            terminal.paged(listing, pager=not no_pager)
            return
        if target in by_card:
            c = by_card[target]
            terminal.print(f"[bold]{c.id}[/] [dim]({c.deck} · {c.level} · {', '.join(c.sections)}"
                           + (f" · follow-up of {c.parent}" if c.parent else "") + ")[/]")
            _render_text(c.question)
            terminal.print("[bold cyan]answer[/]")
            _render_text(c.answer)
            if c.more:
                terminal.print("[bold cyan]more[/]")
                _render_text(c.more)
            facts = [f"status: {review.card_status(conn, c)}"]
            if c.problems:
                facts.append("practise: " + ", ".join(f"mlkata start {p}" for p in c.problems))
            if c.demos:
                facts.append("demos: " + ", ".join(f"mlkata demo {d}" for d in c.demos))
            hist = srs.history(conn, c.item)
            if hist:
                facts.append("reviews: " + ", ".join(f"{h['rating']} {h['at'][:16]}Z" for h in hist[-6:]))
            terminal.print("[dim]" + terminal.escape(" · ".join(facts)) + "[/]")
            return
    import difflib

    close = difflib.get_close_matches(target, list(by_deck) + list(by_card), n=3)
    raise click.UsageError(f"no deck or card '{target}'." + (f" Did you mean: {', '.join(close)}?" if close else ""))


@click.group("import")
def import_group() -> None:
    """Bring your own material into mlkata."""


@import_group.command("cards")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--deck", "deck_id", help="Deck id (default: from the file name).")
@click.option("--title", help="Deck title (default: the first '# ' heading).")
def import_cards_cmd(file: str, deck_id: str | None, title: str | None) -> None:
    """Import a Markdown cheat sheet as a card deck (import it again after editing: same deck).

    \b
    Format (the sheet's):
      ## L1 — Basic                 (a heading naming L1/L2/L3 sets the level)
      Q1. What does softmax do?
      A: It maps scores to a probability distribution ...
      Follow-up: What if all logits are equal? A: The uniform distribution.

    Card ids come from the question numbers (<deck>-q1, <deck>-q1-f1), so editing the text and
    importing again updates the cards and keeps their review history.

    Example: mlkata import cards my-notes.md
    """
    from mlkata import terminal
    from mlkata.study.cards import CardError, import_cheatsheet

    with store() as conn:
        try:
            rep = import_cheatsheet(conn, file, deck_id, title)
        except CardError as exc:
            raise click.ClickException(str(exc)) from None
    n = len(rep.added) + len(rep.updated) + len(rep.unchanged) + len(rep.renamed)
    terminal.print(f"deck [bold]{rep.deck}[/]: {n} cards — {len(rep.added)} new, {len(rep.updated)} updated, "
                   f"{len(rep.unchanged)} unchanged" + (f", {len(rep.renamed)} renumbered (history kept)" if rep.renamed else "")
                   + (f", {len(rep.removed)} no longer in the file" if rep.removed else ""))
    terminal.print(f"[dim]saved as {rep.path} · study it: mlkata review --deck {rep.deck}[/]")
    sys.stdout.flush()
