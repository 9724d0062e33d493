"""Concept cards: decks as TOML files, Markdown cheat-sheet import, links to problems.

A deck is one TOML file (``format_version = 1``). Built-in decks live in
``mlkata/content/cards/``; decks you import live in ``$MLKATA_HOME/cards/``. Follow-ups are
flattened into the deck's card list as cards whose ``parent`` is the parent card's id. Each
card is scheduled by FSRS under the item key ``card:<id>`` (see :mod:`mlkata.study.srs`), so
card ids are unique across all decks. The format is described in docs/cards.md.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

FORMAT_VERSION = 1
LEVELS = ("L1", "L2", "L3")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_PREFIX = "card:"


class CardError(Exception):
    """A malformed deck or cheat sheet. The message names the file and the field."""

    def __init__(self, path: Path | str, field_name: str | None, problem: str):
        self.path, self.field, self.problem = str(path), field_name, problem
        where = f"{path}" + (f": field '{field_name}'" if field_name else "")
        super().__init__(f"{where}: {problem}")


@dataclass
class Card:
    id: str
    deck: str
    level: str
    topics: tuple[str, ...]
    sections: tuple[str, ...]
    question: str
    answer: str
    more: str = ""
    problems: tuple[str, ...] = ()
    demos: tuple[str, ...] = ()
    parent: str | None = None

    @property
    def item(self) -> str:
        return ITEM_PREFIX + self.id


@dataclass
class Deck:
    id: str
    title: str
    cards: list[Card]
    path: Path
    expect_questions: int | None = None
    imported: bool = False
    by_id: dict[str, Card] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {c.id: c for c in self.cards}


def builtin_root() -> Path:
    return Path(__file__).resolve().parent.parent / "content" / "cards"


def imported_root() -> Path:
    from mlkata import paths

    return paths.home() / "cards"


# ---------------------------------------------------------------- loading


def _str(path: Path, table: dict, key: str, where: str, required: bool = True) -> str:
    value = table.get(key, None)
    if value is None:
        if required:
            raise CardError(path, f"{where}{key}", "is missing")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise CardError(path, f"{where}{key}", "must be a non-empty string")
    return value.strip()


def _strlist(path: Path, table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CardError(path, f"{where}{key}", "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _card(path: Path, deck: str, raw, where: str, parent: Card | None) -> Card:
    if not isinstance(raw, dict):
        raise CardError(path, where.rstrip("."), "must be a table")
    cid = _str(path, raw, "id", where)
    if not ID_RE.match(cid):
        raise CardError(path, f"{where}id", f"'{cid}' must be lowercase words joined by dashes")
    where = f"{where.rstrip('.')}({cid})."
    known = {"id", "level", "topics", "sections", "question", "answer", "more", "problems", "demos", "followups"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise CardError(path, f"{where}{unknown[0]}", f"unknown field (known: {', '.join(sorted(known))})")
    if parent is not None and "followups" in raw:
        raise CardError(path, f"{where}followups", "a follow-up cannot have follow-ups")
    level = raw.get("level", parent.level if parent else None)
    if level not in LEVELS:
        raise CardError(path, f"{where}level", f"must be one of {', '.join(LEVELS)} (got {level!r})")
    return Card(
        id=cid,
        deck=deck,
        level=level,
        topics=_strlist(path, raw, "topics", where) if "topics" in raw or not parent else parent.topics,
        sections=_strlist(path, raw, "sections", where) if "sections" in raw or not parent else parent.sections,
        question=_str(path, raw, "question", where),
        answer=_str(path, raw, "answer", where),
        more=_str(path, raw, "more", where, required=False),
        problems=_strlist(path, raw, "problems", where) if "problems" in raw or not parent else parent.problems,
        demos=_strlist(path, raw, "demos", where) if "demos" in raw or not parent else parent.demos,
        parent=parent.id if parent else None,
    )


def load_deck(path: Path | str, imported: bool = False) -> Deck:
    """Parse and validate one deck file; raises CardError naming the file and field."""
    path = Path(path)
    try:
        raw_bytes = path.read_bytes()
        data = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw_bytes[:exc.start].count(b"\n") + 1
        raise CardError(path, None, f"line {line}: not UTF-8 (byte 0x{raw_bytes[exc.start]:02x}); "
                                    "a deck file must be saved as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise CardError(path, None, f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise CardError(path, None, f"cannot read: {exc}") from None
    if data.get("format_version") != FORMAT_VERSION:
        raise CardError(path, "format_version", f"must be {FORMAT_VERSION} (got {data.get('format_version')!r})")
    deck_id = _str(path, data, "deck", "")
    if not ID_RE.match(deck_id):
        raise CardError(path, "deck", f"'{deck_id}' must be lowercase words joined by dashes")
    title = _str(path, data, "title", "")
    expect = data.get("expect_questions")
    if expect is not None and (not isinstance(expect, int) or expect < 1):
        raise CardError(path, "expect_questions", "must be a positive integer")
    raw_cards = data.get("cards")
    if not isinstance(raw_cards, list) or not raw_cards:
        raise CardError(path, "cards", "must be a non-empty array of tables ([[cards]])")
    cards: list[Card] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_cards):
        parent = _card(path, deck_id, raw, f"cards[{i}].", None)
        group = [parent]
        followups = raw.get("followups", [])
        if not isinstance(followups, list):
            raise CardError(path, f"cards[{i}]({parent.id}).followups", "must be an array of tables")
        for j, fraw in enumerate(followups):
            group.append(_card(path, deck_id, fraw, f"cards[{i}]({parent.id}).followups[{j}].", parent))
        for c in group:
            if c.id in seen:
                raise CardError(path, f"cards[{i}].id", f"duplicate card id '{c.id}'")
            seen.add(c.id)
        cards.extend(group)
    return Deck(deck_id, title, cards, path, expect_questions=expect, imported=imported)


def load_decks(root: Path | str | None = None) -> list[Deck]:
    """Every deck: the built-in ones and your imported ones (or only those under `root`).

    Card ids must be unique across decks: they key the review history.
    """
    if root is not None:
        sources = [(Path(root), False)]
    else:
        sources = [(builtin_root(), False), (imported_root(), True)]
    decks: list[Deck] = []
    for folder, imported in sources:
        if folder.is_dir():
            decks.extend(load_deck(p, imported=imported) for p in sorted(folder.glob("*.toml")))
    owner: dict[str, Deck] = {}
    deck_ids: dict[str, Deck] = {}
    for d in decks:
        if d.id in deck_ids:
            raise CardError(d.path, "deck", f"deck id '{d.id}' is also used by {deck_ids[d.id].path}")
        deck_ids[d.id] = d
        for c in d.cards:
            if c.id in owner:
                raise CardError(d.path, "cards.id", f"card id '{c.id}' is also used in {owner[c.id].path}")
            owner[c.id] = d
    return decks


def all_cards(decks: list[Deck]) -> dict[str, Card]:
    return {c.id: c for d in decks for c in d.cards}


def cards_for_problem(decks: list[Deck], problem_id: str) -> list[Card]:
    return [c for d in decks for c in d.cards if problem_id in c.problems]


def due_count(conn, now: datetime | None = None, decks: list[Deck] | None = None) -> int:
    """How many cards of the current decks are due now (what `mlkata next` reports)."""
    from mlkata.study import srs

    now = now or srs.utcnow()
    try:
        decks = decks if decks is not None else load_decks()
    except CardError:
        return 0
    items = {c.item for d in decks for c in d.cards}
    return sum(1 for i in srs.due_items(conn, kind="card", now=now) if i in items)


# ---------------------------------------------------------------- links to problems


def on_problem_failed(conn, problem_id: str, decks: list[Deck] | None = None,
                      now: datetime | None = None) -> list[str]:
    """A failed check on a problem makes its related cards due now.

    Only the due date moves (``srs.set_due``): the FSRS memory state (stability, difficulty)
    and the review log are untouched, so the next rating is scheduled from what you really
    remember. A card never studied gets a fresh state due now, so it is shown in the next
    review even beyond the daily new-card limit. Cards already due are left alone.
    Returns the ids of the cards moved.
    """
    from mlkata.study import srs

    now = now or srs.utcnow()
    decks = decks if decks is not None else load_decks()
    moved = []
    for card in cards_for_problem(decks, problem_id):
        state = srs.get_card(conn, card.item)
        if state is not None and state.due <= now:
            continue
        srs.set_due(conn, card.item, "card", now)
        moved.append(card.id)
    return moved


# ---------------------------------------------------------------- Markdown cheat-sheet import

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_QLINE = re.compile(r"^\s*(?:[*_]{2})?Q(\d+)\s*[.:)](?:[*_]{2})?\s*(.*)$")
_MARK = re.compile(r"(?:(?<=^)|(?<=\s))(?:[*_]{2})?(A|Follow-up|Follow up|Followup)\s*:(?:[*_]{2})?\s*",
                   re.IGNORECASE | re.MULTILINE)
_LEVEL = re.compile(r"\bL([1-3])\b")
# a level label on a line of its own, as in plain-text sheets: "L2 — Intermediate", "Extended L3"
_LEVEL_LINE = re.compile(r"^\s*(?:[*_]{2})?(?:[A-Z][a-z]+\s+)?L([1-3])(?:\s*[—–:-]\s*[A-Za-z][A-Za-z ]*)?(?:[*_]{2})?\s*$")


def slug(text: str) -> str:
    """A deck id from a file name. Names that lose characters on the way (non-Latin letters)
    get a short hash of the full name, so two different names never share an id."""
    import hashlib
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    # a letter with no ASCII form at all (not an accented Latin letter: 'é' is 'e') is lost
    lossy = any(c.isalnum() and not unicodedata.normalize("NFKD", c).encode("ascii", "ignore") for c in text)
    if not s or lossy:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = f"{s}-{digest}" if s else f"deck-{digest}"
    return s


def read_text_file(path: Path) -> tuple[str, str]:
    """The text of a user's file and the encoding it was read with.

    UTF-8 (with or without a BOM) first; a file that is not UTF-8 but is valid Windows-1252
    (a superset of Latin-1's printable range) is read as such; anything else is a CardError
    naming the file and the line of the first undecodable byte.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CardError(path, None, f"cannot read: {exc}") from None
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as exc:
                line = data[:len(bom) + exc.start].count(b"\n") + 1
                raise CardError(path, None, f"line {line}: not valid {enc} despite its byte-order mark") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        line = data[:first_bad].count(b"\n") + 1
        raise CardError(path, None, f"line {line}: not UTF-8 (byte 0x{data[first_bad]:02x}) and not "
                                    "Windows-1252/Latin-1 either: save the file as UTF-8") from None


# ---- text copied from a rendered page (KaTeX/MathJax): each formula appears twice, as its
# glyphs and then its LaTeX source ("ziz_i", "ΔW\Delta W"). We keep the source, as $...$.

_GREEK_NAMES = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "ell": "ℓ",
}
_OPERATOR_NAMES = {"log", "exp", "max", "min", "arg", "sin", "cos", "tanh", "det", "lim", "argmax", "argmin", "Pr"}
_LATEX_HINT = re.compile(r"\\[A-Za-z]+|[_^{}]")


def _skeleton(text: str, latex: bool) -> str:
    """Letters and digits of a formula, as its rendering shows them, case-folded."""
    import unicodedata

    if latex:
        text = re.sub(r"\\([A-Za-z]+)", lambda m: _GREEK_NAMES.get(m.group(1), m.group(1) if m.group(1) in _OPERATOR_NAMES else " "), text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum()).casefold()


def dedupe_rendered_math(line: str) -> str:
    """Apply :func:`_dedupe` outside the math and code already marked up in the line."""
    parts = re.split(r"(\$\$.*?\$\$|\$[^$]*\$|`[^`]*`)", line)
    for k in range(0, len(parts), 2):
        if parts[k]:
            parts[k] = _dedupe(parts[k])
    return "".join(parts)


def _dedupe(line: str) -> str:
    """'when ziz_i is large' -> 'when $z_i$ is large'; a line that is one displayed formula
    (glyphs, then source) becomes '$$source$$'. Lines without LaTeX markup are returned as is
    (except doubled one-letter symbols such as 'QQ' before LaTeX elsewhere on the line)."""
    if not _LATEX_HINT.search(line) and not re.search(r"(\S{1,12}?) ?\1", line.replace(" ", "")):
        return line
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            out.append(line[i])
            i += 1
            continue
        # a word starts at i; try every split point of a glyph run beginning here (or at the
        # line start, for displayed formulas whose glyphs contain spaces)
        found = None
        so_far = "".join(out)
        # a displayed formula's glyphs may hold a few spaces ("softmax (QKdk)V"): also try
        # glyphs from the line start while nothing on the line was converted yet
        starts = [i] + ([0] if "$" not in so_far and so_far.count(" ") <= 3 and n < 400 else [])
        word_end = i
        while word_end < n and not line[word_end].isspace():
            word_end += 1
        for g0 in dict.fromkeys(starts):
            limit = word_end if g0 == i else n
            for p in range(max(g0, i) + 1, limit):
                glyph = line[g0:p]
                gsk = _skeleton(glyph, latex=False)
                if not gsk:
                    continue
                if not re.match(r"[A-Za-z0-9\\(\[{|\-]", line[p]):
                    continue
                # the source runs from p to a boundary; grow it while its skeleton matches and
                # keep the longest candidate whose brackets balance ("[1/C, \dots]" whole)
                cands = []
                for q in range(p + 1, n + 1):
                    glued = q < n and not (line[q].isspace() or line[q] in ",.;:)!?]")
                    src = line[p:q]
                    if glued and not (_LATEX_HINT.search(src) and line[q].isdigit() and line[q - 1].isdigit()
                                      and _balanced(src)):
                        # the copy may glue the next formula's glyphs to this source ("T \approx
                        # 00.20.2"): a source with LaTeX markup may end there, plain text may not
                        continue
                    ssk = _skeleton(src, latex=True)
                    if len(ssk) > len(gsk):
                        break
                    # without LaTeX markup only a doubled symbol counts ("QQ", "[l,r][l, r]"): a
                    # doubled word such as "papa" is left alone
                    if ssk == gsk and (_LATEX_HINT.search(src) or (src.replace(" ", "") == glyph
                                                                   and (len(glyph) == 1 or not glyph.isalpha()))):
                        cands.append(q)
                if cands:
                    balanced = [q for q in cands if _balanced(line[p:q])]
                    clean = [q for q in balanced if line[q - 1] not in ",.;:!?→—–" and not line[p:q].endswith(" ")]
                    found = (g0, p, (clean or balanced or cands)[-1])
                    break
            if found:
                break
        if not found:
            out.append(line[i:word_end])
            i = word_end
            continue
        g0, p, q = found
        src = line[p:q].strip()
        if g0 < i:  # the glyphs started at the line start: drop what was already copied
            out = []
        lead = re.match(r"[^\w\\]*", line[g0:p]).group()
        if lead and not src.startswith(lead):
            out.append(lead)  # '(' before the glyphs is text, not part of the formula
        display = g0 == 0 and not line[q:].strip() and len(src) > 25
        if out and out[-1].endswith("$"):
            out.append(" ")  # two formulas glued by the copy: keep them apart ($a$$b$ would be $$)
        out.append(f"$${src}$$" if display else f"${src}$")
        i = q
    return "".join(out)


_LEFTOVER_WORD = re.compile(r"[^\s$`]*(?:\\[A-Za-z]+|[A-Za-z0-9)}]_\{?[A-Za-z0-9]|\^\{|\^[A-Za-z0-9])[^\s$`]*")


def _wrap_leftover_latex(line: str) -> str:
    """LaTeX the de-duplication could not pair with its glyphs: shown as math rather than raw."""
    parts = re.split(r"(\$\$.*?\$\$|\$[^$]*\$|`[^`]*`)", line)
    for k in range(0, len(parts), 2):
        parts[k] = _LEFTOVER_WORD.sub(lambda m: _as_math(m.group(0)), parts[k])
    return "".join(parts)


def _as_math(word: str) -> str:
    core = word.rstrip(",.;:!?")
    # an identifier such as log_softmax or F.cross_entropy is code, not a subscript
    if re.fullmatch(r"[A-Za-z][\w.]*", core) and "_" in core and \
            any(len(part) > 1 for part in core.split(".")[-1].split("_")):
        return f"`{core}`" + word[len(core):]
    return f"${core}$" + word[len(core):]


def _balanced(text: str) -> bool:
    depth = {"(": 0, "[": 0, "{": 0}
    pairs = {")": "(", "]": "[", "}": "{"}
    for c in re.sub(r"\\[{}\[\]()]|\\(left|right|big|Big)[()\[\]]?", "", text):
        if c in depth:
            depth[c] += 1
        elif c in pairs:
            depth[pairs[c]] -= 1
            if depth[pairs[c]] < 0:
                return False
    return not any(depth.values())


def _markdown_lines(lines: list[str]) -> str:
    """Answer lines -> Markdown that keeps lists and code: '•' bullets become list items, a
    list gets the blank line Markdown needs before it, fenced code is left untouched."""
    out: list[str] = []
    in_code = False
    for line in lines:
        if line.lstrip().startswith("```"):
            in_code = not in_code
            out.append(line)
            continue
        if in_code:
            out.append(line)
            continue
        m = re.match(r"^\s*[•·▪●◦‣*-]\s+(.*)$", line)
        num = re.match(r"^\s*(\d+)[.)]\s+(.*)$", line)
        if m or num:
            if out and out[-1].strip() and not re.match(r"^\s*(- |\d+\. )", out[-1]):
                out.append("")
            item = _wrap_leftover_latex(dedupe_rendered_math((m or num).group(m and 1 or 2)))
            out.append(f"- {item}" if m else f"{num.group(1)}. {item}")
            continue
        if out and re.match(r"^(- |\d+\. )", out[-1]) and line.strip():
            out.append("")  # a paragraph after a list
        out.append(_wrap_leftover_latex(dedupe_rendered_math(line.strip())) if line.strip() else "")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_cheatsheet(path: Path | str, deck_id: str | None = None, title: str | None = None) -> dict:
    """A Markdown cheat sheet in the sheet's question format → a deck as a TOML-ready dict.

    ``Q<n>. question`` starts a card, ``A: answer`` gives its answer, each
    ``Follow-up: question A: answer`` adds a follow-up card; a heading naming ``L1``/``L2``/``L3``
    (or a line holding only such a label, e.g. ``L2 — Intermediate``) sets the level of the
    questions below it. Ids are ``<deck>-q<n>`` and ``<deck>-q<n>-f<k>``:
    they depend on the question number only, so editing a question's text and importing again
    updates the card and keeps its history.
    """
    path = Path(path)
    text, _encoding = read_text_file(path)
    deck_id = slug(deck_id) if deck_id else slug(path.stem)
    level, section = "L1", ""
    doc_title = title
    heading_title = plain_title = None
    blocks: list[tuple[int, int, str, str, list[str]]] = []  # (number, line, level, section, lines)
    current = None
    in_fence = False
    for lineno, line in enumerate(text.splitlines(), 1):
        bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", line)
        if bad:
            raise CardError(path, f"line {lineno}", f"control character U+{ord(bad.group(0)):04X} in the text: "
                                                   "remove it (it is not printable and cannot be stored)")
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            if current is not None:
                current[4].append(line)
            continue
        if in_fence:  # a '# comment' in a code block is code, not a heading
            if current is not None:
                current[4].append(line)
            continue
        h = _HEADING.match(line)
        if h:
            current = None
            m = _LEVEL.search(h.group(2))
            if m:
                level, section = f"L{m.group(1)}", h.group(2).strip()
            elif heading_title is None and not blocks and len(h.group(1)) == 1:
                heading_title = h.group(2).strip()
            continue
        lv = _LEVEL_LINE.match(line)
        if lv:
            current = None
            level, section = f"L{lv.group(1)}", line.strip().strip("*_").strip()
            continue
        q = _QLINE.match(line)
        if q:
            current = (int(q.group(1)), lineno, level, section, [q.group(2)])
            blocks.append(current)
            continue
        if plain_title is None and not blocks and 2 <= len(line.split()) and len(line.strip()) <= 100 \
                and not line.rstrip().endswith((".", ":", ",")) and not line.startswith((" ", "\t")):
            plain_title = line.strip()  # plain text: the first line that reads like a title
        if current is not None:
            # a rule or two blank lines in a row end the question (plain-text sheets use them)
            if re.fullmatch(r"\s*(-{3,}|\*{3,}|_{3,})\s*", line) or \
                    (not line.strip() and current[4] and not current[4][-1].strip()):
                current = None
                continue
            current[4].append(line)
    doc_title = doc_title or heading_title or plain_title
    if not blocks:
        raise CardError(path, None, "no question found (expected lines like 'Q1. question' then 'A: answer')")
    cards = []
    seen: dict[int, int] = {}
    for number, lineno, lvl, sect, lines in blocks:
        where = f"Q{number} (line {lineno})"
        if number in seen:
            raise CardError(path, where, f"question number {number} is used twice (first at line {seen[number]})")
        seen[number] = lineno
        body = "\n".join(lines).strip()
        parts = _MARK.split(body)
        for k in range(0, len(parts), 2):  # texts (odd parts are the markers)
            parts[k] = _markdown_lines(parts[k].split("\n"))
        question = parts[0].strip()
        if not question:
            raise CardError(path, where, "the question text is empty")
        pairs = [(parts[i].lower(), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
        if not pairs or pairs[0][0] != "a" or not pairs[0][1]:
            raise CardError(path, where, "has no answer (a line starting with 'A:')")
        card = {"id": f"{deck_id}-q{number}", "level": lvl, "topics": [],
                "sections": [f"Q{number}"] + ([sect] if sect else []),
                "question": question, "answer": pairs[0][1], "followups": []}
        k = 0
        i = 1
        while i < len(pairs):
            kind, value = pairs[i]
            if kind == "a":
                raise CardError(path, where, "an 'A:' without a question before it")
            k += 1
            if i + 1 >= len(pairs) or pairs[i + 1][0] != "a" or not pairs[i + 1][1]:
                raise CardError(path, f"{where} follow-up {k}", "has no answer ('Follow-up: question A: answer')")
            if not value:
                raise CardError(path, f"{where} follow-up {k}", "the question text is empty")
            card["followups"].append({"id": f"{deck_id}-q{number}-f{k}", "question": value, "answer": pairs[i + 1][1]})
            i += 2
        if not card["followups"]:
            del card["followups"]
        cards.append(card)
    return {"format_version": FORMAT_VERSION, "deck": deck_id, "title": doc_title or path.stem, "cards": cards}


def _toml_value(v) -> str:
    if isinstance(v, str):
        # JSON string escapes are valid TOML basic strings; TOML also forbids a raw DEL
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(type(v))


def dump_deck(data: dict) -> str:
    """A deck dict → TOML text (the subset decks use)."""
    out = [f"{k} = {_toml_value(v)}" for k, v in data.items() if k != "cards"]
    for card in data["cards"]:
        out += ["", "[[cards]]"] + [f"{k} = {_toml_value(v)}" for k, v in card.items() if k != "followups"]
        for f in card.get("followups", []):
            out += ["[[cards.followups]]"] + [f"{k} = {_toml_value(v)}" for k, v in f.items()]
    return "\n".join(out) + "\n"


@dataclass
class ImportReport:
    deck: str
    path: Path
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    removed: list[str]
    renamed: list[tuple[str, str]]


def import_cheatsheet(conn, source: Path | str, deck_id: str | None = None, title: str | None = None) -> ImportReport:
    """Import (or re-import) a Markdown cheat sheet as a deck under $MLKATA_HOME/cards.

    Same file again → same deck and ids: cards are updated in place and their review history
    stays. If a question was renumbered but its text is unchanged, its history follows it to
    the new id (a history left without a question is kept aside under a ``~retired~`` key).
    Cards that disappeared from the file are dropped from the deck; their history is kept in
    the database (it comes back if they reappear with the same id).
    """
    from mlkata.study import srs

    data = parse_cheatsheet(source, deck_id, title)
    source_path = str(Path(source).resolve())
    data = {**{k: v for k, v in data.items() if k != "cards"}, "source": source_path, "cards": data["cards"]}
    folder = imported_root()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{data['deck']}.toml"
    builtin_ids = {d.id for d in load_decks(builtin_root())}
    if data["deck"] in builtin_ids:
        raise CardError(source, "deck", f"'{data['deck']}' is a built-in deck id: pass --deck with another name")
    old: dict[str, Card] = {}
    if target.exists():
        try:
            previous_source = tomllib.loads(target.read_text(encoding="utf-8")).get("source")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            previous_source = None
        if previous_source and previous_source != source_path and deck_id is None:
            # two files whose names give the same id: never replace the other deck or take its history
            raise CardError(source, "deck", f"deck id '{data['deck']}' already holds the cards imported from "
                                            f"{previous_source}; pass --deck NAME for this file (or --deck "
                                            f"{data['deck']} to replace that deck on purpose)")
        try:
            old = {c.id: c for c in load_deck(target, imported=True).cards}
        except CardError:
            old = {}
    new_text = dump_deck(data)
    tmp = target.with_suffix(".toml.tmp")
    try:
        tmp.write_text(new_text, encoding="utf-8")
        new_deck = load_deck(tmp, imported=True)  # validate what we write before replacing the old deck
        others = [d for d in load_decks() if d.id != data["deck"]]
        clash = {c.id for d in others for c in d.cards} & {c.id for c in new_deck.cards}
        if clash:
            raise CardError(source, "id", f"card ids already used by another deck: {', '.join(sorted(clash))}")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    added, updated, unchanged, renamed = [], [], [], []
    # a question whose text is unchanged but whose number moved keeps its history
    old_by_text: dict[tuple[str, bool], str] = {}
    for o in old.values():
        old_by_text.setdefault((o.question, o.parent is None), o.id)
    moves: dict[str, str] = {}  # new id -> old id
    for c in new_deck.cards:
        before = old.get(c.id)
        if before is not None and before.question == c.question:
            continue
        src = old_by_text.get((c.question, c.parent is None))
        if src and src != c.id and src not in moves.values():
            moves[c.id] = src
    if moves:
        stamp = srs.utcnow().strftime("%Y%m%dT%H%M%S")
        for src in moves.values():  # first park every source, so swaps cannot collide
            srs.rename(conn, ITEM_PREFIX + src, f"{ITEM_PREFIX}~moving~{src}")
        for dst in moves:
            if srs.get_card(conn, ITEM_PREFIX + dst) is not None:
                # history of a question that no longer has this number and matches no other: keep it
                # aside (suspended, so it is never due) rather than delete it
                retired = f"{ITEM_PREFIX}~retired~{stamp}~{dst}"
                srs.rename(conn, ITEM_PREFIX + dst, retired)
                with conn:
                    conn.execute("UPDATE srs_state SET suspended=1 WHERE item=?", (retired,))
        for dst, src in moves.items():
            srs.rename(conn, f"{ITEM_PREFIX}~moving~{src}", ITEM_PREFIX + dst)
            renamed.append((src, dst))
    moved_to = set(moves)
    moved_from = set(moves.values())
    for c in new_deck.cards:
        before = old.get(c.id)
        if c.id in moved_to:
            continue
        if before is None or (c.id in moved_from and before.question != c.question):
            added.append(c.id)  # a new id, or an id whose old question moved to another number
        elif (before.question, before.answer, before.level) != (c.question, c.answer, c.level):
            updated.append(c.id)
        else:
            unchanged.append(c.id)
    gone = [cid for cid in old if cid not in new_deck.by_id and cid not in moved_from]
    return ImportReport(data["deck"], target, added, updated, unchanged, sorted(gone), renamed)


# ---------------------------------------------------------------- self-check


@dataclass
class Finding:
    deck: str
    subject: str
    ok: bool
    detail: str


def check_decks(decks: list[Deck] | None = None, problem_ids: set[str] | None = None) -> list[Finding]:
    """The deck self-check (built-in decks unless `decks` is given): for decks declaring
    ``expect_questions``, Q1..Qn all present each with a follow-up; ids valid; links point at
    problems that exist; math renders with no raw LaTeX left."""
    from mlkata.mathtext import leftover_commands, to_unicode

    findings: list[Finding] = []
    try:
        decks = decks if decks is not None else load_decks(builtin_root())
    except CardError as exc:
        return [Finding("?", "load", False, str(exc))]
    if problem_ids is None:
        from mlkata.bank import load_bank

        problem_ids = set(load_bank().problems)
    for d in decks:
        # numbering: every Q<n> from 1 to the expected count has a card and at least one follow-up
        numbers: dict[int, list[Card]] = {}
        for c in d.cards:
            if c.parent is None:
                for s in c.sections:
                    m = re.fullmatch(r"Q(\d+)", s)
                    if m:
                        numbers.setdefault(int(m.group(1)), []).append(c)
        if d.expect_questions:  # decks that transcribe a numbered question bank
            top = d.expect_questions
            missing = [n for n in range(1, top + 1) if n not in numbers]
            extra = sorted(n for n in numbers if n > top)
            no_follow = [n for n in range(1, top + 1) if n in numbers
                         and not any(f.parent in {c.id for c in numbers[n]} for f in d.cards)]
            ok = not missing and not extra and not no_follow
            detail = f"Q1–Q{top}: {len(numbers)} questions, {sum(c.parent is not None and any(c.parent == p.id for cs in numbers.values() for p in cs) for c in d.cards)} follow-ups"
            if missing:
                detail += f"; missing {', '.join(f'Q{n}' for n in missing)}"
            if extra:
                detail += f"; beyond the numbering {', '.join(f'Q{n}' for n in extra)}"
            if no_follow:
                detail += f"; no follow-up for {', '.join(f'Q{n}' for n in no_follow)}"
            findings.append(Finding(d.id, "numbering", ok, detail))
        findings.append(Finding(d.id, "ids", True, f"{len(d.cards)} cards, ids unique and well-formed"))
        missing: dict[str, list[str]] = {}
        for c in d.cards:
            for p in c.problems:
                if p not in problem_ids:
                    missing.setdefault(p, []).append(c.id)
        detail = "every linked problem exists" if not missing else "problems not in the bank: " + "; ".join(
            f"{p} (from {', '.join(ids[:3])}{', …' if len(ids) > 3 else ''})" for p, ids in sorted(missing.items()))
        findings.append(Finding(d.id, "links", not missing, detail))
        raw = []
        for c in d.cards:
            for name in ("question", "answer", "more"):
                left = leftover_commands(to_unicode(getattr(c, name)))
                if left:
                    raw.append(f"{c.id}.{name}: {' '.join(sorted(set(left)))}")
        findings.append(Finding(d.id, "math", not raw, "all math renders to Unicode" if not raw else "raw LaTeX left: " + "; ".join(raw)))
    return findings
