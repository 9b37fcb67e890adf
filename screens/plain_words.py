"""Plain words for the easy read: a record said again in short, simple sentences.

``PlainWordsDialog`` shows what was said and a box for the plain-words version,
with a line under it counting the words of each sentence and naming any jargon
as it is typed. Given several records it walks through them, longest first
(the Close step's Ctrl+Y); given one, it fixes that one (the Share step's check).
Saving is ``SessionService.set_plain``: an addition for the easy read, never a
correction of what was said.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from coprod_tui.errors import NotFound
from coprod_tui.model import SessionData
from coprod_tui.plain_words import SENTENCE_LIMIT, Terms, record_text, records_without_plain, \
    sentences, word_count
from coprod_tui.report import session_report
from coprod_tui.text import one_line

from .forms import SessionDialog, label, text_area

#: What each kind of record is called on screen, and what its plain words should say.
KINDS = {"idea": ("Idea", "Say the idea in short sentences, one idea in each."),
         "decision": ("Decision", "Say what was decided, and why, in short sentences."),
         "action": ("Job", "Say what will be done, in a short sentence or two.")}
#: The most of what was said that the dialog shows (a pasted letter can be long).
SHOWN = 700


@dataclass(frozen=True, slots=True)
class PlainItem:
    """One record to put into plain words."""

    kind: str
    id: str
    #: "Idea 3", numbered as the minutes and the check number it.
    where: str
    text: str
    plain: str


def numbered(data: SessionData, wording) -> dict[tuple[str, str], str]:
    """Each idea, decision and action as the minutes number it ("Idea 3")."""
    report = session_report(data, wording, for_facilitator=True)
    names: dict[tuple[str, str], str] = {}
    for item in report.all_items:
        names.update({("idea", i.id): f"Idea {i.number}" for i in item.ideas})
        names.update({("decision", d.id): f"Decision {d.number}" for d in item.decisions})
    names.update({("action", a.id): f"Job {a.number}" for a in report.actions})
    return names


def items_without_plain(data: SessionData, wording) -> list[PlainItem]:
    """The records with no plain words yet, longest first."""
    names = numbered(data, wording)
    return [PlainItem(n.kind, n.id, names.get((n.kind, n.id), KINDS[n.kind][0]), n.text, "")
            for n in records_without_plain(data)]


def item_for(data: SessionData, wording, kind: str, record_id: str) -> PlainItem:
    """One record, with the plain words it has so far."""
    table = {"idea": data.ideas, "decision": data.decisions, "action": data.actions}[kind]
    record = next((r for r in table if r.id == record_id), None)
    if record is None:
        raise NotFound(f"That {KINDS[kind][0].lower()} is no longer in this session.")
    where = numbered(data, wording).get((kind, record_id), KINDS[kind][0])
    return PlainItem(kind, record_id, where, record_text(record), record.plain)


class PlainWordsDialog(SessionDialog[int]):
    """Write plain words for one record, or for several in turn. Dismissed with how
    many were saved."""

    TITLE_TEXT = "In plain words, for the easy read"
    ABOUT = (
        "Say what was said in short, plain words, for the easy read. Ctrl+S saves it and "
        "goes to the next one; Ctrl+N skips this one; Escape stops (asking first if "
        "something is typed).")
    SUBMIT_LABEL = "Save"
    FIRST_FOCUS = "plain"
    BINDINGS = [Binding("ctrl+n", "skip", "Skip this one", id="plain.skip")]

    def __init__(self, session_id: str, items: list[PlainItem]) -> None:
        super().__init__(session_id)
        self.items = items
        self.index = 0
        self.saved = 0

    def fields(self) -> ComposeResult:
        yield Static(id="plain-where", markup=False)
        yield label("What was said")
        yield Static(id="plain-original", markup=False)
        yield label("In plain words")
        yield Static(id="plain-hint", classes="hint", markup=False)
        yield text_area("", id="plain", height=4)
        yield Static(id="plain-measure", markup=False)

    def on_mount(self) -> None:
        self._terms = Terms(word for word, _ in self.coprod.wording.jargon)
        self._show()
        super().on_mount()

    @property
    def item(self) -> PlainItem:
        return self.items[self.index]

    def _show(self) -> None:
        item = self.item
        where = item.where
        if len(self.items) > 1:
            where += (f" ({self.index + 1} of {len(self.items)}, the longest first; "
                      "Ctrl+N skips it)")
        self.query_one("#plain-where", Static).update(where)
        shown = item.text if len(item.text) <= SHOWN else (
            one_line(item.text, SHOWN) + f"\n({word_count(item.text):,} words in all)")
        self.query_one("#plain-original", Static).update(shown)
        self.query_one("#plain-hint", Static).update(
            f"{KINDS[item.kind][1]} Keep each sentence to {SENTENCE_LIMIT} words or fewer.")
        box = self.query_one("#plain", TextArea)
        box.load_text(item.plain)
        self._opened_with = {**getattr(self, "_opened_with", {}), "plain": item.plain}
        self.query_one("#dialog-error", Static).remove_class("shown")
        self._measure(item.plain)

    @on(TextArea.Changed, "#plain")
    def _changed(self, event: TextArea.Changed) -> None:
        self._measure(event.text_area.text)

    def _measure(self, text: str) -> None:
        """How plain it is so far: the longest sentence, and any jargon."""
        said = sentences(text)
        if not said:
            line = "Nothing typed yet."
        else:
            longest = max(word_count(s) for s in said)
            line = (f"{len(said)} sentence{'s' if len(said) != 1 else ''}; the longest has "
                    f"{longest} words.")
            if longest > SENTENCE_LIMIT:
                line += f" Try to keep each one to {SENTENCE_LIMIT}."
        jargon = self._terms.find(text)
        if jargon:
            line += " Jargon: " + ", ".join(f"‘{w}’" for w in jargon) + "."
        self.query_one("#plain-measure", Static).update(line)

    def submit(self) -> object:
        text = self.value("plain")
        return self.session.set_plain(self.item.kind, self.item.id, text)

    def action_submit(self) -> None:
        if not self.value("plain").strip() and not self.item.plain:
            self.action_skip()  # nothing typed: nothing to save
            return
        if self.save(self.submit) is not None:
            self.saved += 1
            self._next()

    def action_skip(self) -> None:
        self._next()

    def _next(self) -> None:
        self.index += 1
        if self.index >= len(self.items):
            self.dismiss(self.saved)
        else:
            self._show()
            self.query_one("#plain", TextArea).focus()

    def action_cancel(self) -> None:
        self.dismiss(self.saved)


def walk_plain_words(screen, then=None) -> None:
    """From a screen about a session (``screen.session_id``): go through its records
    that have no plain words yet, longest first; ``then()`` runs afterwards."""
    from coprod_tui.words import plural

    if hasattr(screen, "flush_saves"):
        screen.flush_saves()  # a field typed on a step is saved first
    data = screen.service.snapshot(screen.session_id)
    items = items_without_plain(data, screen.coprod.wording)
    if not items:
        screen.notify("Every idea, decision and job has plain words for the easy read.")
        return

    def done(saved: int | None) -> None:
        if saved:
            screen.notify(f"Plain words saved for {plural(saved, 'record')}.")
        if then is not None:
            then()

    screen.app.push_screen(PlainWordsDialog(screen.session_id, items), done)
