"""LaTeX math in Markdown → readable Unicode for a terminal.

``to_unicode("softmax: $\\frac{e^{z_i}}{\\sum_j e^{z_j}}$")`` gives ``softmax: e^(zᵢ)/∑ⱼ e^(zⱼ)``.

Parsing is pylatexenc's (a real LaTeX parser, so braces, optional arguments and macro
arguments are understood); symbols (``\\alpha``, ``\\sum``, ``\\leq`` …) come from pylatexenc's
latex-to-text tables. Layout is ours: sub/superscripts become Unicode sub/superscript
characters when every character has one, else ``x^(…)`` / ``x_…``; fractions become ``a/b``
with parentheses only where a part is compound. Text outside ``$…$``/``$$…$$`` and inside
backtick code spans is left alone. Anything unknown is rendered as its name without the
backslash, so no raw ``\\command`` ever reaches the user.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ⊤′",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡᵀ′"))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ",
                "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
assert len(_SUP) == 70 and len(_SUB) == 37

# macros whose pylatexenc text is empty or not what a reader wants
_SYMBOLS = {
    "arg": "arg ", "|": "‖", "quad": "  ", "qquad": "    ", ",": " ", ";": " ", ":": " ", "!": "",
    " ": " ", "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|",
    "top": "ᵀ", "intercal": "ᵀ", "prime": "′", "cdots": "⋯", "dots": "…", "ldots": "…",
    "log": "log", "exp": "exp", "min": "min", "max": "max", "argmin": "argmin", "argmax": "argmax",
    "sin": "sin", "cos": "cos", "tanh": "tanh", "det": "det", "Pr": "Pr", "lim": "lim",
    "ne": "≠", "neq": "≠", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "gets": "←", "iff": "⟺",
    "implies": "⟹", "mapsto": "↦",
    "{": "{", "}": "}", "%": "%", "$": "$", "_": "_", "#": "#", "&": "&",
    "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "", "bigl": "", "bigr": "",
    "Bigl": "", "Bigr": "", "displaystyle": "", "textstyle": "", "limits": "", "nolimits": "",
    "epsilon": "ε", "varepsilon": "ε", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩",
}
_WRAPPERS = {"text", "textrm", "textit", "textbf", "mathrm", "mathit", "mathsf", "mathtt", "operatorname",
             "boldsymbol", "bm", "mathbf", "texttt", "emph", "underline", "overline", "mbox"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "widetilde": "\u0303",
            "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ", "1": "𝟙"}
_CALLIGRAPHIC = {"L": "ℒ", "O": "𝒪", "N": "𝒩", "D": "𝒟", "H": "ℋ", "X": "𝒳", "Y": "𝒴", "M": "ℳ", "F": "ℱ"}


@lru_cache(maxsize=1)
def _l2t():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")


class _Unit:
    """One rendered piece: its text, and whether it is a single atom (needs no parentheses)."""

    __slots__ = ("text", "atom")

    def __init__(self, text: str, atom: bool):
        self.text, self.atom = text, atom


def _tokens(nodes) -> list:
    """Flatten pylatexenc nodes into characters and whole nodes (groups, macros)."""
    from pylatexenc.latexwalker import LatexCharsNode, LatexSpecialsNode

    out: list = []
    for n in nodes or []:
        if isinstance(n, LatexCharsNode):
            out.extend(n.chars)
        elif isinstance(n, LatexSpecialsNode):
            out.extend(n.specials_chars)
        else:
            out.append(n)
    return out


def _args(node) -> list:
    nd = getattr(node, "nodeargd", None)
    return [a for a in (nd.argnlist if nd and nd.argnlist else []) if a is not None]


def _compound(text: str) -> bool:
    t = text.strip()
    if len(t) <= 1:
        return False
    if _wrapped(t):
        return False
    return bool(re.search(r"[\s+\-−=/·×<>≤≥,]", t))


def _wrapped(t: str) -> bool:
    """'(a + b)', '√(a + b)', 'f(x, y)': one bracketed unit, no parentheses needed around it."""
    m = re.match(r"^[^\s()\[\]{}+\-−=/·×<>≤≥,]*([(\[{])", t)
    if not m or t[-1] not in ")]}":
        return False
    depth = 0
    for i, c in enumerate(t[m.end(1) - 1:], m.end(1) - 1):
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0:
            return i == len(t) - 1
    return False


def _paren(text: str) -> str:
    return f"({text.strip()})" if _compound(text) else text.strip()


def _script(text: str, table: dict[str, str], mark: str) -> str:
    t = text.strip()
    compact = t.replace(" ", "")
    already = set(table.values())
    if compact and all(c in table or c in already for c in compact):
        return "".join(table.get(c, c) for c in compact)
    if mark == "_":
        # no Unicode subscript for some letters (y, z, q, words): an index in brackets, as in
        # code (p[y], d[model], ∑[x ∈ C]), never a raw underscore
        return f"[{t}]"
    return f"{mark}({t})"


def _render_node(node, rest: list) -> _Unit:
    """Render one node; `rest` is the remaining token stream (for macros that take an argument
    pylatexenc did not attach, e.g. \\xrightarrow in some contexts)."""
    from pylatexenc.latexwalker import (LatexCommentNode, LatexEnvironmentNode, LatexGroupNode,
                                        LatexMacroNode, LatexMathNode)

    if isinstance(node, str):
        return _Unit(node, True)
    if isinstance(node, LatexCommentNode):
        return _Unit("", True)
    if isinstance(node, (LatexGroupNode, LatexMathNode)):
        text = _render(node.nodelist)
        return _Unit(text, not _compound(text))
    if isinstance(node, LatexEnvironmentNode):
        body = _render(node.nodelist).replace("&", " ").replace("\\\\", "; ")
        return _Unit(body, False)
    if not isinstance(node, LatexMacroNode):
        return _Unit("", True)
    name = node.macroname
    args = _args(node)

    def arg(i: int) -> str:
        if i < len(args):
            return _render([args[i]])
        while rest and isinstance(rest[0], str) and rest[0].isspace():
            rest.pop(0)
        return _render([rest.pop(0)]) if rest else ""

    if name in ("frac", "tfrac", "dfrac", "cfrac"):
        num, den = arg(0), arg(1)
        # always a/b: superscript fractions (ᵅ⁄ᵣ) are unreadable at terminal size
        return _Unit(f"{_paren(num)}/{_paren(den)}", False)
    if name == "sqrt":
        nd = getattr(node, "nodeargd", None)
        index = ""
        if nd and nd.argnlist and len(nd.argnlist) == 2 and nd.argnlist[0] is not None:
            index = _script(_render([nd.argnlist[0]]), _SUP, "^")
            body = _render([nd.argnlist[1]])
        else:
            body = arg(0)
        return _Unit(f"{index}√{_paren(body) if _compound(body) else body.strip()}", True)
    if name in _WRAPPERS:
        text = arg(0)
        return _Unit(text, not _compound(text))
    if name == "mathbb":
        t = arg(0).strip()
        return _Unit("".join(_BLACKBOARD.get(c, c) for c in t), True)
    if name in ("mathcal", "mathscr"):
        t = arg(0).strip()
        return _Unit("".join(_CALLIGRAPHIC.get(c, c) for c in t), True)
    if name in _ACCENTS:
        t = arg(0).strip()
        return _Unit((t + _ACCENTS[name]) if len(t) == 1 else f"{name}({t})", True)
    if name in ("xrightarrow", "xleftarrow", "overset", "underset", "stackrel"):
        above = arg(0).strip()
        if name in ("overset", "underset", "stackrel"):
            base = arg(1).strip()
            return _Unit(f"{base}({above})" if above else base, False)
        arrow = "→" if name == "xrightarrow" else "←"
        return _Unit(f" {arrow}[{above}] " if above else f" {arrow} ", False)
    if name in ("not",):
        nxt = arg(0)
        return _Unit(nxt + "\u0338", True)
    # LaTeX swallows the space after a control word; a reader wants it back ("× r", "log p")
    post = " " if getattr(node, "macro_post_space", "") else ""
    if name in _SYMBOLS:
        sym = _SYMBOLS[name]
        return _Unit(sym + (post if sym and not sym.endswith(" ") else ""), True)
    try:
        text = _l2t().macro_node_to_text(node)
    except Exception:  # noqa: BLE001 - fall back to the name, never raise on odd input
        text = ""
    if not text or "\\" in text:
        text = name
    return _Unit(text + post, True)


def _render(nodes) -> str:
    tokens = _tokens(nodes)
    out: list[str] = []
    last_atom = True
    while tokens:
        tok = tokens.pop(0)
        if isinstance(tok, str) and tok in ("^", "_"):
            while tokens and isinstance(tokens[0], str) and tokens[0] == " ":
                tokens.pop(0)
            if not tokens:
                out.append(tok)
                continue
            nxt = tokens.pop(0)
            unit = _render_node(nxt, tokens)
            text = unit.text
            # a prime as superscript stays a prime
            out.append(_script(text, _SUP if tok == "^" else _SUB, tok))
            continue
        unit = _render_node(tok, tokens)
        out.append(unit.text)
        last_atom = unit.atom
    del last_atom
    return "".join(out)


@lru_cache(maxsize=4096)
def latex_to_unicode(latex: str) -> str:
    """One math expression (without its $ delimiters) → Unicode."""
    from pylatexenc.latexwalker import LatexWalker

    nodes, _, _ = LatexWalker(latex, tolerant_parsing=True).get_latex_nodes()
    text = _render(nodes)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    # \Delta W is typeset ΔW: the space LaTeX swallowed after a Greek letter is not wanted
    # before a letter (it is before an operator: "σ → 0", "α / r")
    text = re.sub(r"(?<![A-Za-z])([\u0391-\u03a9\u03b1-\u03c9]) (?=[A-Za-z0-9(])", r"\1", text)
    # whatever slipped through: never show a raw command
    return re.sub(r"\\([A-Za-z]+)", r"\1", text)


_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\d)", re.S)
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def to_unicode(text: str) -> str:
    """Markdown with LaTeX math in $…$ / $$…$$ → the same Markdown with the math as Unicode.

    Code spans and fenced blocks are left untouched; an escaped ``\\$`` stays a dollar sign.
    """
    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = _MATH.sub(_math_sub, parts[i]).replace("\\$", "$")
    return "".join(parts)


def _math_sub(m: re.Match) -> str:
    if m.group(1) is not None:
        return "\n\n    " + latex_to_unicode(m.group(1)) + "\n\n"
    return latex_to_unicode(m.group(2))


LEFTOVER = re.compile(r"\\[A-Za-z]+")


def leftover_commands(rendered: str) -> list[str]:
    """Backslash commands still present in rendered text outside code (for self-checks)."""
    return LEFTOVER.findall(_CODE.sub("", rendered))
