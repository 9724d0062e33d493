"""`mlkata export anki`: the package opens in Anki's own library, with the right notes,
fields and tags, and re-importing an updated export updates instead of duplicating."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")
cards_mod = pytest.importorskip("mlkata.study.cards")


def _import(col_path, apkg):
    from anki.collection import Collection
    try:
        from anki.importing.apkg import AnkiPackageImporter  # older anki releases
    except ImportError:
        from anki.importing import AnkiPackageImporter  # anki >= 2.1.5x: a legacy shim over import_anki_package

    col = Collection(str(col_path))
    try:
        AnkiPackageImporter(col, str(apkg)).run()
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        return [(dict(n.items()), set(n.tags), n.guid) for n in notes]
    finally:
        col.close()


def test_export_opens_in_anki_with_fields_math_and_tags(mlkata, tmp_path):
    from mlkata.study.anki import to_html

    apkg = tmp_path / "cards.apkg"
    r = mlkata("export", "anki", str(apkg))
    assert r.exit_code == 0, r.output
    decks = cards_mod.load_decks()
    expected = {c.id: c for d in decks for c in d.cards}
    notes = _import(tmp_path / "c.anki2", apkg)
    assert len(notes) == len(expected)
    by_id = {fields["CardId"]: (fields, tags) for fields, tags, _ in notes}
    assert set(by_id) == set(expected)
    for cid, card in expected.items():
        fields, tags = by_id[cid]
        assert fields["Answer"] == to_html(card.answer)
        assert card.level in tags
        assert "$" not in fields["Question"].replace("\\$", ""), cid  # math moved to \( \) / \[ \]
    # math and escaping on a known shape
    assert to_html("a < b and $x_i < y$ and $$\\frac{1}{2}$$") == \
        "a &lt; b and \\(x_i &lt; y\\) and \\[\\frac{1}{2}\\]"


def test_reexport_updates_instead_of_duplicating(mlkata, tmp_path, monkeypatch):
    first = tmp_path / "a.apkg"
    mlkata("export", "anki", str(first))
    col = tmp_path / "c.anki2"
    n1 = len(_import(col, first))
    # same cards, edited answer text: same GUIDs -> the notes are updated
    decks = cards_mod.load_decks()
    decks[0].cards[0].answer = decks[0].cards[0].answer + " (edited)"
    from mlkata.study import anki

    import time

    time.sleep(1.1)  # Anki updates a note only when the incoming one is newer (mod time in seconds)
    second = tmp_path / "b.apkg"
    anki.export(decks, second)
    notes = _import(col, second)
    assert len(notes) == n1
    edited = [f for f, _, _ in notes if f["CardId"] == decks[0].cards[0].id][0]
    assert edited["Answer"].endswith("(edited)")
