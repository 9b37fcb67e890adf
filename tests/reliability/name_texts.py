"""Generated free text whose names are known: the oracle for the name-rule property tests.

A text is a list of tokens joined by separators that hold punctuation, so two
tokens never run together into one name. A token is either ordinary text,
built so that it can never be a name written as a name (lower-case words,
"willing", "Will-x", "xWill", "Will_at" ...), or a person's name written as a
name (as stored, in capitals, as a possessive, or a whole name on two lines or
in lower case). Given who is being looked for, ``render`` says what each
token must become, so a test knows the exact text to expect without asking
the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

#: Names that are also ordinary words, and a few that are not.
WORD_NAMES = ["Will", "May", "Rose", "Mark", "Hope", "Bill", "Grace", "Sue", "Ed", "Faith"]
OTHER_NAMES = ["Zoë", "O'Neil", "Anne-Marie", "Okafor", "Ångström", "Renée"]

SEPARATORS = [", ", ". ", "; ", " - ", "! ", "? ", ": ", " (", ") ", ",\n", " / "]
PLAIN_WORDS = ["the", "days", "we", "run", "education", "created_at", "credited", "willing",
               "remark", "mayor", "rosemary", "hopeful", "billing", "pursue", "faithful",
               "disgrace", "bed", "Wednesday"]

name_words = st.one_of(st.sampled_from(WORD_NAMES + OTHER_NAMES),
                       st.from_regex(r"[A-Z][a-z]{1,6}", fullmatch=True))
person_names = st.lists(name_words, min_size=1, max_size=3).map(" ".join)


@dataclass(frozen=True)
class Token:
    #: "plain", or "name" (a person's full name or one of its parts).
    kind: str
    text: str
    #: For a name: the words it spells (as stored) and how it is written.
    words: tuple[str, ...] = ()
    variant: str = ""


def parts(name: str) -> list[tuple[str, ...]]:
    """A person's forms as words: the full name, then first and last word alone."""
    words = tuple(name.split())
    forms = [words]
    if len(words) > 1:
        forms += [w for w in ((words[0],), (words[-1],)) if w not in forms]
    return forms


def written(words: tuple[str, ...], variant: str) -> str:
    if variant == "upper":
        return " ".join(words).upper()
    if variant == "lines":
        return "\n".join(words)
    if variant == "lower":  # a whole name of two words or more only
        return " ".join(words).lower()
    return " ".join(words)


@st.composite
def texts(draw, names: list[str]) -> list[Token]:
    """Free text mentioning some of ``names`` (each a person's stored name)."""
    tokens = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 3))
        if choice == 0 and names:
            name = draw(st.sampled_from(names))
            words = draw(st.sampled_from(parts(name)))
            variants = ["as stored", "upper", "possessive"]
            if len(words) > 1:
                variants += ["lines", "lower"]
            variant = draw(st.sampled_from(variants))
            text = written(words, variant) + ("'s" if variant == "possessive" else "")
            tokens.append(Token("name", text, words, variant))
        elif choice == 1 and names:
            # A trap: a name word lower-cased, or joined to another word.
            word = draw(st.sampled_from([w for n in names for w in n.split()]))
            trap = draw(st.sampled_from([word.lower(), f"{word}-x", f"x{word}", f"{word}_at",
                                         f"{word}s", f"O'{word}x"]))
            tokens.append(Token("plain", trap))
        else:
            tokens.append(Token("plain", draw(st.sampled_from(PLAIN_WORDS))))
    return tokens


def sentence_start(before: str) -> bool:
    """The same test the minutes use for "A participant" at a sentence's start."""
    stripped = before.rstrip(" \t\"'\u2018\u201c(")
    return not stripped or stripped[-1] in ".!?…\n"


def render(tokens: list[Token], separators: list[str], replace=None) -> str:
    """The text; with ``replace(token, text_before) -> str | None``, as it must become."""
    out = ""
    for n, token in enumerate(tokens):
        if n:
            out += separators[(n - 1) % len(separators)]
        new = replace(token, out) if replace and token.kind == "name" else None
        if new is None:
            out += token.text
        elif token.variant == "possessive":
            out += new + "'s"
        else:
            out += new
    return out

