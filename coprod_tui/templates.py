"""The wording people see, from our defaults or an organisation's template.

Our defaults ship as ``wording.toml``. An organisation's template has the same
shape and may replace any part: a part it leaves out keeps our wording. A
template that cannot be read gives a clear message and our wording is used.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import CoprodError
from .framework import Choice, I_STATEMENTS
from .model import GlossaryWord
from .text import clean_line, clean_long

TEMPLATE_FILE = "template.toml"
PARTS = frozenset({"code_of_conduct", "comment_card", "pre_checklist", "involvement_checklist",
                   "statements", "jargon", "glossary", "pictures", "picture_credit"})
CARD_KEYS = frozenset({"question", "comment", "level_1", "level_2", "level_3", "level_4"})


class TemplateError(CoprodError):
    pass


@dataclass(frozen=True, slots=True)
class Wording:
    code_of_conduct: str
    card_question: str
    #: Comment-card levels: index 0 is level 1 (least influence) .. index 3 is level 4.
    card_levels: tuple[str, str, str, str]
    card_comment: str
    pre_checklist: tuple[Choice, ...]
    involvement_checklist: tuple[Choice, ...]
    #: Audit questions for each of the eight 'I' statements, in order.
    statement_questions: tuple[tuple[str, ...], ...]
    source: str = "coprod's own wording"
    #: Words the check before sharing warns about: (word, a plainer way to say it).
    jargon: tuple[tuple[str, str], ...] = ()
    #: Words every group's easy read explains (a group's own glossary comes first).
    glossary: tuple[GlossaryWord, ...] = ()
    #: The organisation's own pictures: a folder of PNG or SVG files named by picture
    #: key ("idea.png"); "" for coprod's.
    pictures: str = ""
    #: Who the organisation's pictures are from, said on the easy read's last page.
    picture_credit: str = ""

    def card_level(self, level: int) -> str:
        return self.card_levels[level - 1]

    def checklist(self, name: str) -> tuple[Choice, ...]:
        return self.pre_checklist if name == "pre" else self.involvement_checklist


def _read(text: str, name: str) -> dict[str, Any]:
    import tomllib  # here, not at the top: the app starts without reading any wording

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"The template {name} is not valid TOML ({exc}).") from None


def _build(data: dict[str, Any], base: Wording | None, source: str,
           folder: Path | None = None) -> Wording:
    def part(key: str) -> Any:
        return data.get(key)

    def fail(what: str) -> TemplateError:
        return TemplateError(f"The template {source} has a problem: {what}.")

    def inherited(name: str) -> Any:
        """A part the template leaves out comes from the base (coprod's own wording,
        which has no base, must give every part)."""
        if base is None:
            raise fail("a part is missing")
        return getattr(base, name)

    unknown = sorted(set(data) - PARTS)
    if unknown:
        raise fail(f"it has a part coprod does not know, '{unknown[0]}' (the parts are "
                   f"{', '.join(sorted(PARTS))})")
    card_unknown = sorted(set(data.get("comment_card") or {}) - CARD_KEYS) \
        if isinstance(data.get("comment_card"), dict) else []
    if card_unknown:
        raise fail(f"[comment_card] has '{card_unknown[0]}', which coprod does not know")
    bad_numbers = sorted(set(data.get("statements") or {}) - {str(n) for n in range(1, 9)}) \
        if isinstance(data.get("statements"), dict) else []
    if bad_numbers:
        raise fail(f"[statements] are numbered 1 to 8, not '{bad_numbers[0]}'")

    try:
        conduct = part("code_of_conduct")
        conduct = (clean_long(conduct, what="code_of_conduct", required=True).strip()
                   if conduct is not None else inherited("code_of_conduct"))
        card = part("comment_card") or {}
        if not isinstance(card, dict):
            raise fail("[comment_card] should be a table")
        levels = tuple(
            clean_line(card[f"level_{n}"], what=f"level_{n}", required=True)
            if f"level_{n}" in card else inherited("card_levels")[n - 1] for n in range(1, 5))
        question = (clean_line(card["question"], what="question", required=True)
                    if "question" in card else inherited("card_question"))
        comment = (clean_line(card["comment"], what="comment", required=True)
                   if "comment" in card else inherited("card_comment"))
        lists = []
        for key in ("pre_checklist", "involvement_checklist"):
            items = part(key)
            if items is None:
                lists.append(inherited(key))
                continue
            if not isinstance(items, dict) or not items:
                raise fail(f"[{key}] should list at least one item as key = \"wording\"")
            lists.append(tuple(Choice(clean_line(k, what="A checklist key", required=True),
                                      clean_line(v, what=f"{key}.{k}", required=True,
                                                 limit=1000))
                               for k, v in items.items()))
        statements = part("statements") or {}
        if not isinstance(statements, dict):
            raise fail("[statements] should be a table")
        questions = []
        for n in range(1, len(I_STATEMENTS) + 1):
            given = statements.get(str(n))
            if given is None:
                questions.append(inherited("statement_questions")[n - 1])
                continue
            if not isinstance(given, list) or not given:
                raise fail(f"statements.{n} should be a list of questions")
            questions.append(tuple(clean_line(q, what=f"statements.{n}", required=True,
                                              limit=1000) for q in given))
        easy = _easy_read_parts(data, base, folder, fail)
    except CoprodError as exc:
        if isinstance(exc, TemplateError):
            raise
        raise fail(str(exc).rstrip(".")) from None
    return Wording(conduct, question, levels, comment, lists[0], lists[1],  # type: ignore[arg-type]
                   tuple(questions), source, **easy)


def _easy_read_parts(data: dict[str, Any], base: Wording | None, folder: Path | None,
                     fail: Callable[[str], TemplateError]) -> dict[str, Any]:
    """The easy read's jargon list, glossary and pictures.

    ``[jargon]`` adds words to ours (``"word" = "a plainer way"``; ``= false`` drops
    one of ours); ``[glossary]`` adds or replaces words (``"word" = "what it means"``);
    ``pictures`` is a folder, relative to the template's own; ``picture_credit`` says
    whose pictures they are."""
    jargon = dict(base.jargon) if base else {}
    given = data.get("jargon") or {}
    if not isinstance(given, dict):
        raise fail("[jargon] should be a table of \"word\" = \"a plainer way to say it\"")
    for word, plainer in given.items():
        word = clean_line(word, what="A jargon word", required=True, limit=100)
        if plainer is False:
            jargon = {k: v for k, v in jargon.items() if k.casefold() != word.casefold()}
        elif isinstance(plainer, str):
            jargon[word] = clean_line(plainer, what=f"jargon.{word}", limit=300)
        else:
            raise fail(f"jargon.{word} should be a plainer way to say it, or false")
    glossary = {g.key: g for g in (base.glossary if base else ())}
    words = data.get("glossary") or {}
    if not isinstance(words, dict):
        raise fail("[glossary] should be a table of \"word\" = \"what it means\"")
    for word, meaning in words.items():
        if not isinstance(meaning, str):
            raise fail(f"glossary.{word} should say what the word means")
        entry = GlossaryWord(word=word, meaning=meaning)
        glossary[entry.key] = entry
    pictures = data.get("pictures")
    if pictures is None:
        pictures = base.pictures if base else ""
    elif not isinstance(pictures, str) or not pictures.strip():
        raise fail("pictures should name a folder of pictures")
    else:
        path = Path(pictures.strip()).expanduser()
        pictures = str(path if path.is_absolute() or folder is None else folder / path)
    credit = data.get("picture_credit")
    credit = (clean_line(credit, what="picture_credit", limit=300) if credit is not None
              else (base.picture_credit if base else ""))
    return {"jargon": tuple(sorted(jargon.items(), key=lambda kv: kv[0].casefold())),
            "glossary": tuple(sorted(glossary.values(), key=lambda g: g.key)),
            "pictures": pictures, "picture_credit": credit}


@cache
def default_wording() -> Wording:
    from importlib.resources import files

    here = files("coprod_tui")
    data = _read(here.joinpath("wording.toml").read_text(encoding="utf-8"), "wording.toml")
    # The jargon list is long: it has a file of its own.
    data["jargon"] = _read(here.joinpath("jargon.toml").read_text(encoding="utf-8"),
                           "jargon.toml")["jargon"]
    return _build(data, None, "coprod's own wording")


#: A template is a page of wording; anything bigger is not one.
TEMPLATE_LIMIT = 1024 * 1024


def read_template(path: Path) -> Wording:
    """An organisation's wording; TemplateError says what is wrong with the file."""
    from .regular_files import NotRegularFile, TooBig, read_regular

    try:
        # Never a pipe or a device (it would hang or never end); a link is followed:
        # COPROD_TEMPLATE may well point at a shared copy.
        text = read_regular(path, limit=TEMPLATE_LIMIT, follow_links=True).decode("utf-8")
    except FileNotFoundError:
        raise TemplateError(f"There is no template file at {path}.") from None
    except (OSError, UnicodeDecodeError, NotRegularFile, TooBig):
        raise TemplateError(f"The template {path} could not be read as text.") from None
    return _build(_read(text, path.name), default_wording(), str(path), path.parent)


def template_path(data_dir: Path | None = None) -> Path | None:
    """COPROD_TEMPLATE, else template.toml in the data folder, if there is one."""
    env = os.environ.get("COPROD_TEMPLATE")
    if env:
        return Path(env).expanduser()
    if data_dir is not None and (data_dir / TEMPLATE_FILE).exists():
        return data_dir / TEMPLATE_FILE
    return None


def load_wording(data_dir: Path | None = None) -> Wording:
    """The wording to use; see ``load_wording_reporting`` for the error, if any."""
    return load_wording_reporting(data_dir)[0]


def load_wording_reporting(data_dir: Path | None = None) -> tuple[Wording, str | None]:
    path = template_path(data_dir)
    if path is None:
        return default_wording(), None
    try:
        return read_template(path), None
    except TemplateError as exc:
        return default_wording(), f"{exc} coprod's own wording is used instead."
