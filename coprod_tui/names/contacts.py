"""Email addresses, @handles and phone numbers: where a person is written without spaces.

An email address or an @handle is one token, so its name parts are read out of
it ("sam.whitfield@council.gov.uk" holds Sam and Whitfield, "@samw" starts Sam
Whitfield's name) and the whole token is the mention. A person's stored
contact details (an email address or a phone number in their record) are
found wherever they are typed, however the number is spaced.
"""

from __future__ import annotations

import re

from .units import fold

EMAIL = re.compile(r"(?<![\w.+%'-])([\w.+%'-]+)@([\w-]+(?:\.[\w-]+)+)")
HANDLE = re.compile(r"(?<![\w@.])@(\w+(?:[.'\u2019-]\w+)*)")
#: Groups of digits with at most one space, dot, dash or slash between ("07700 900123",
#: "+44 (0)7700-900-123"), so that "ring 07700 900123. Then" ends at the number.
PHONE = re.compile(r"(?<![\w+])\+?\(?\d+\)?(?:[ ./-]?\(?\d+\)?)+(?!\w)")
_LETTERS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")

#: What follows "@" at the start of an idea to say how it came, not who raised it.
KEYWORDS = frozenset({"anon", "anonymous", "chat", "after"})


def parts(token: str) -> list[str]:
    """The words in a token, folded: "sam.whitfield2" gives sam, whitfield; "o'neil" stays."""
    return [fold(p) for p in _LETTERS.findall(token)]


def phone_key(text: str) -> str | None:
    """A phone number as its digits, with +44 and 0044 written as a leading 0."""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.lstrip().startswith("+") and digits.startswith("44"):
        digits = "0" + digits[2:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 7 else None


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """A phone number's span with the bracket it opens or closes: "(01234) 567890"."""
    found = text[start:end]
    if ")" in found and "(" not in found and start and text[start - 1] == "(":
        start -= 1
    return start, end


def contact_keys(contact: str) -> tuple[set[str], set[str]]:
    """The email addresses (folded) and phone numbers (digits) in a stored contact."""
    emails = {fold(m.group()) for m in EMAIL.finditer(contact)}
    phones = {key for m in PHONE.finditer(contact) if (key := phone_key(m.group()))}
    return emails, phones


def concatenations(units: tuple[str, ...]) -> set[str]:
    """How a name of two words or more is run together in an address: samwhitfield,
    swhitfield, samw, whitfieldsam, whitfields."""
    units = tuple(u for u in units if u)  # a name part made only of marks folds to ""
    if len(units) < 2:
        return set()
    first, last = units[0], units[-1]
    found = {"".join(units), first[0] + last, first + last[0], last + first, last + first[0]}
    return {c for c in found if len(c) >= 4}
