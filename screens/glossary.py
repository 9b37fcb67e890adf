"""The group's glossary: words it uses, with what each means in plain words.

The easy read explains a glossary word the first time it appears, with its
picture. The group's own words are kept with the group (``GroupService``); the
template's (or coprod's) words are listed too, and editing one of those gives the
group its own version. A word may wait for its meaning: the check before sharing
lists the ones the easy read uses.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from coprod_tui.framework import Choice
from coprod_tui.model import GlossaryWord
from coprod_tui.text import one_line

from .commands import BackHomeCommands
from .forms import FormDialog, label, select, text_area
from .saving import SaveStatus, Saving
from .widgets import InFull, SteadyFooter


def picture_choices() -> list[Choice]:
    from coprod_tui.exports.pictures import SYMBOLS

    return [Choice(key, f"{s.title} ({s.shows.lower()})") for key, s in SYMBOLS.items()]


class GlossaryWordDialog(FormDialog[GlossaryWord]):
    """Add a word, or change one (its word, meaning or picture)."""

    TITLE_TEXT = "A word the group uses"
    ABOUT = ("A word the group uses and what it means, in plain words; a picture may go "
             "with it. Ctrl+S saves; Escape closes (asking first if something is typed).")
    FIRST_FOCUS = "word"
    WIDGETS = {"word": "word", "meaning": "meaning"}

    def __init__(self, group_id: str, entry: GlossaryWord | None = None, *,
                 own: bool = False) -> None:
        super().__init__()
        self.group_id = group_id
        self.entry = entry
        #: True when ``entry`` is the group's own (changing it replaces it).
        self.own = own

    def fields(self) -> ComposeResult:
        entry = self.entry or GlossaryWord(word="-")
        yield label("The word or words")
        yield Input("" if self.entry is None else entry.word, id="word",
                    placeholder="short stay")
        yield label("What it means, in plain words")
        yield Static("One or two short sentences, 15 words or fewer each.", classes="hint",
                     markup=False)
        yield text_area(entry.meaning, id="meaning", height=4)
        yield label("Picture beside it")
        yield select(picture_choices(), entry.picture or None, id="picture", allow_blank=True,
                     prompt="An open book (the glossary's own picture)")

    def submit(self) -> GlossaryWord:
        return self.service.groups.set_glossary_word(
            self.group_id, self.value("word"), self.value("meaning"),
            self.value("picture") or "",
            replacing=self.entry.word if self.entry is not None and self.own else None)


class GlossaryScreen(Saving, Screen[None]):
    """A group's glossary, with the template's words it does not have itself."""

    CSS_PATH = ["journey.tcss", "glossary.tcss"]
    COMMANDS = {BackHomeCommands}
    HELP_TITLE = "Glossary"
    ABOUT = (
        "Words this group uses, each with its plain meaning: the easy read explains a "
        "word the first time it appears. The group's own words come first, then "
        "coprod's. a adds a word, Enter changes the highlighted one, Delete removes it. "
        "Escape goes back.")
    BINDINGS = [
        Binding("a", "add", "Add a word", id="glossary.add"),
        Binding("enter", "edit", "Change", id="glossary.edit"),  # the table's Enter
        Binding("delete", "remove", "Remove", id="glossary.remove"),
        Binding("escape", "back", "Back", id="glossary.back"),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self._rows: list[tuple[GlossaryWord, bool]] = []

    def compose(self) -> ComposeResult:
        group = self.service.groups.group(self.group_id)
        yield Static(f"Glossary: words the {group.name} uses", id="glossary-title",
                     markup=False)
        yield Static("The easy read explains each word the first time it appears. "
                     "a adds a word, Enter changes one, Delete removes one.",
                     classes="hint", markup=False)
        yield DataTable(id="words", cursor_type="row", zebra_stripes=True)
        yield InFull("words", lead="What it means: ")
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#words", DataTable)
        table.add_columns("Word", "What it means", "From")
        self._fill()
        table.focus()

    def _fill(self, keep: str | None = None) -> None:
        group = self.service.groups.group(self.group_id)
        own = {g.key for g in group.glossary}
        self._rows = [(g, True) for g in group.glossary] + [
            (g, False) for g in self.coprod.wording.glossary if g.key not in own]
        table = self.query_one("#words", DataTable)
        table.clear()
        whole = self.query_one("#words-in-full", InFull)
        whole.texts = {}
        for n, (entry, is_own) in enumerate(self._rows):
            meaning = one_line(entry.meaning, 38) if entry.meaning.strip() else "(not written)"
            table.add_row(Text(entry.word), Text(meaning),
                          Text("this group" if is_own else "all groups"), key=str(n))
            if meaning.endswith("…"):  # cut here: said whole under the table
                whole.texts[str(n)] = " ".join(entry.meaning.split())
        whole.follow()
        if keep is not None:
            for n, (entry, _) in enumerate(self._rows):
                if entry.key == GlossaryWord(word=keep).key:
                    table.move_cursor(row=n)

    def _current(self) -> tuple[GlossaryWord, bool] | None:
        table = self.query_one("#words", DataTable)
        if not self._rows or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    @on(DataTable.RowSelected, "#words")
    def _chosen(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(GlossaryWordDialog(self.group_id), self._changed)

    def action_edit(self) -> None:
        current = self._current()
        if current is None:
            self.action_add()
            return
        entry, own = current
        self.app.push_screen(GlossaryWordDialog(self.group_id, entry, own=own), self._changed)

    def action_remove(self) -> None:
        current = self._current()
        if current is None:
            return
        entry, own = current
        if not own:
            self.notify("This word is in every group's glossary (the template's, or "
                        "coprod's), so it is not removed here. Press Enter to give this "
                        "group its own meaning instead.")
            return
        if self.save(self.service.groups.remove_glossary_word, self.group_id,
                     entry.word) is not None:
            self._fill()
            self.notify(f"‘{entry.word}’ is no longer in the glossary.", markup=False)

    def action_back(self) -> None:
        self.dismiss(None)

    def _changed(self, entry: GlossaryWord | None) -> None:
        if entry is not None:
            self.save_status("saved")
            self._fill(keep=entry.word)
