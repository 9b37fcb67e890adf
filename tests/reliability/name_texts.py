"""Generated free text whose names are known: the oracle for the name-rule property tests.

A text is a list of tokens joined by separators that hold punctuation, so two
tokens never run together into one name, nor into one date or proper noun.
Each token is built so that what it must become is known by construction,
without asking the code under test or copying its shortcuts:

* ``name``: one of a person's forms (their whole name, or their first or last
  name alone) written as a name: as stored, in capitals or in lower case (not
  for a name that is also a word: "will" is a word), without its accents
  (from a table written here, "Siobhán" as "Siobhan"), on two lines, with its
  hyphens as spaces or its spaces as hyphens, as a possessive, as a plural
  (a surname alone that is not a word: "the Okafors"), or followed by "-led";
* ``address``: an email address or an @handle built from a form, which must
  go whole;
* ``keep``: a proper noun or a date holding a name part ("Hope Street", "St
  Mary's Trust", "12 May", "in May"), which must stay exactly;
* ``plain``: ordinary words, and traps that hold a name without being it
  ("will", "xSam", "Sam_at", "Anne-Marie" for Anne, "Will-x"), which must
  stay exactly.

Names are drawn from names that are also words (Will, May, Hope ...), names
with accents, hyphens and apostrophes, and made-up names that are no word
(consonant-vowel syllables, checked against the shipped word list, which is
the rule's data rather than its logic).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

#: Names that are also ordinary words (each is in the shipped list).
WORD_NAMES = ["Will", "May", "Rose", "Mark", "Hope", "Bill", "Grace", "Sue", "Faith", "Green",
              "Park", "June", "April", "Joy", "Dawn", "Young"]
MONTHS = {"May", "June", "April"}
#: Names with accents, and how they are typed without them.
ACCENTED = {"Zoë": "Zoe", "Siobhán": "Siobhan", "José": "Jose", "Renée": "Renee",
            "Strauß": "Strauss", "Łukasz": "Lukasz", "Søren": "Soren", "Dvořák": "Dvorak",
            "Ångström": "Angstrom", "Çelik": "Celik"}
OTHER_NAMES = ["Okafor", "Priya", "Whitfield", "O'Neil", "Mary-Ann", "Kowalczyk"]

SEPARATORS = [", ", ". ", "; ", "! ", "? ", ": ", " (", ") ", ",\n"]
PLAIN_WORDS = ["the", "days", "we", "run", "education", "created_at", "credited", "willing",
               "remark", "mayor", "rosemary", "hopeful", "billing", "pursue", "faithful",
               "disgrace", "bed", "Wednesday", "the bus", "a meeting"]


def _ordinary() -> set[str]:
    data = tomllib.loads((Path(__file__).resolve().parents[2] / "coprod_tui" / "names"
                          / "words.toml").read_text("utf-8"))
    found = {w for group in data["ordinary"].values() for w in group}
    return found | set(data["small"]["words"]) | set(data["small"]["days"])


ORDINARY = _ordinary()
assert all(w.lower() in ORDINARY for w in WORD_NAMES)

_syllables = st.tuples(st.sampled_from("bdfgklmnprstvz"), st.sampled_from("aeiou"))
made_up = st.lists(_syllables, min_size=3, max_size=4).map(
    lambda s: "".join(c + v for c, v in s).capitalize()).filter(
    lambda n: n.lower() not in ORDINARY)
name_words = st.one_of(st.sampled_from(WORD_NAMES), st.sampled_from(sorted(ACCENTED)),
                       st.sampled_from(OTHER_NAMES), made_up)
person_names = st.lists(name_words, min_size=1, max_size=3).map(" ".join)


def plain(word: str) -> str:
    return ACCENTED.get(word, word)


def key(words: tuple[str, ...] | str) -> tuple[str, ...]:
    """How the rule compares names (the spec, written out): without accents, in any
    case, a hyphen as good as a space."""
    text = " ".join(words) if isinstance(words, tuple) else words
    return tuple(plain(w).casefold() for w in text.replace("-", " ").split())


def ordinary(words: tuple[str, ...]) -> bool:
    """Every word of the form is also an ordinary word: each needs its capital."""
    return all(w.casefold() in ORDINARY for w in key(words))


def forms(name: str) -> dict[tuple[str, ...], str]:
    """A person's forms: key -> "whole", "first" or "last" (parts only for two words
    or more, the first kept where the first and last are the same)."""
    words = tuple(name.split())
    out = {key(words): "whole"}
    if len(words) > 1:
        out.setdefault(key(words[:1]), "first")
        out.setdefault(key(words[-1:]), "last")
    return out


@dataclass(frozen=True)
class Token:
    #: name | address | keep | plain | contact
    kind: str
    text: str
    #: For a name, an address or a kept phrase: the form's words as stored.
    words: tuple[str, ...] = ()
    variant: str = ""
    #: For a name: what stays after the replacement ("'s", "-led").
    tail: str = ""


def written(words: tuple[str, ...], variant: str) -> str:
    text = " ".join(words)
    return {"upper": text.upper(), "lower": text.lower(), "lines": "\n".join(words),
            "hyphens": "-".join(words), "spaces": text.replace("-", " "),
            "unaccented": " ".join(plain(w) for w in words)}.get(variant, text)


@st.composite
def name_token(draw, words: tuple[str, ...], kind: str) -> Token:
    variants = ["as stored", "possessive", "led"]
    if any(w in ACCENTED for w in words):
        variants.append("unaccented")
    if len(words) > 1:
        variants += ["lines", "hyphens"]
    if any("-" in w for w in words):
        variants.append("spaces")
    if not ordinary(words):
        variants += ["upper", "lower"]
        if kind == "last" and len(key(words)) == 1 and len(key(words)[0]) >= 3 \
                and (key(words)[0] + "s") not in ORDINARY:
            variants.append("plural")
    variant = draw(st.sampled_from(variants))
    if variant == "possessive":
        tail = draw(st.sampled_from(["'s", "\u2019s"]))
        return Token("name", written(words, "as stored") + tail, words, variant, tail)
    if variant == "led":
        return Token("name", written(words, "as stored") + "-led", words, variant, "-led")
    if variant == "plural":
        return Token("name", words[0] + ("es" if words[0].endswith("s") else "s"), words,
                     variant)
    return Token("name", written(words, variant), words, variant)


def address(words: tuple[str, ...], how: str) -> Token:
    parts = [w.casefold() for w in key(words)]
    text = ("@" + "".join(parts) if how == "handle" and len(parts) == 1
            else "@" + ".".join(parts) if how == "handle"
            else ".".join(parts) + "@example.org")
    return Token("address", text, words, how)


def kept(word: str, how: int) -> Token:
    """A proper noun or a date that holds a name part, and is no one."""
    if word in MONTHS and how % 2:
        text = ["12 {}", "in {}", "{} 2026", "the end of {}", "3rd {} at the library"][
            how // 2 % 5].format(word)
    else:
        text = ["{} Street", "St {}'s Trust", "{} Lane Carers", "the {} Academy"][
            how % 4].format(word)
    return Token("keep", text, (word,))


@st.composite
def texts(draw, names: list[str], contacts: dict[str, str] | None = None) -> list[Token]:
    """Free text mentioning some of ``names`` (each a person's stored name)."""
    tokens = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 6)) if names else 6
        name = draw(st.sampled_from(names)) if names else ""
        words = tuple(name.split())
        options = [(words, "whole")] + ([(words[:1], "first"), (words[-1:], "last")]
                                        if len(words) > 1 else [])
        form, kind = draw(st.sampled_from(options)) if names else ((), "")
        single = kind != "whole" or len(words) == 1
        if choice <= 1:
            tokens.append(draw(name_token(form, kind)))
        elif choice == 2:
            tokens.append(address(form, draw(st.sampled_from(["email", "handle"]))))
        elif choice == 3 and single and form[0][0].isupper():
            tokens.append(kept(form[0], draw(st.integers(0, 9))))
        elif choice == 4:
            # A trap: a name word that is a word in lower case, or joined to another word.
            word = draw(st.sampled_from(words))
            traps = [f"x{word}", f"{word}_at", f"{word}-Xy", f"{word}-x", f"Xy-{word}",
                     f"O'{word}x"]
            if word.casefold() in ORDINARY:
                traps.append(word.lower())
            tokens.append(Token("plain", draw(st.sampled_from(traps))))
        elif choice == 5 and contacts:
            tokens.append(Token("contact", draw(st.sampled_from(sorted(contacts)))))
        else:
            tokens.append(Token("plain", draw(st.sampled_from(PLAIN_WORDS))))
    return tokens


def sentence_start(before: str) -> bool:
    """Where "a participant" takes a capital (as the minutes say it)."""
    stripped = before.rstrip(" \t\"'\u2018\u201c(")
    return not stripped or stripped[-1] in ".!?…\n"


def render(tokens: list[Token], separators: list[str], replace=None) -> str:
    """The text; with ``replace(token, text_before) -> str | None``, as it must become."""
    out = ""
    for n, token in enumerate(tokens):
        if n:
            out += separators[(n - 1) % len(separators)]
        new = (replace(token, out) if replace and token.kind in ("name", "address", "contact")
               else None)
        out += token.text if new is None else new + token.tail
    return out


def holders(token: Token, people: dict[str, str]) -> set[str]:
    """Who a name or an address token stands for (person id -> stored name): everyone
    with that form; for an address, everyone with the longest form all of whose
    words it holds."""
    if token.kind == "name":
        return {pid for pid, name in people.items() if key(token.words) in forms(name)}
    held = set(key(token.words))
    best: dict[str, int] = {}
    for pid, name in people.items():
        sizes = [len(k) for k in forms(name) if set(k) <= held]
        if sizes:
            best[pid] = max(sizes)
    top = max(best.values(), default=0)
    return {pid for pid, size in best.items() if size == top}
