"""The command palette (Ctrl+P): one command provider per kind of screen.

Each screen names its provider in ``COMMANDS``; the app adds its own (high
contrast, help, quit). A provider lists the commands of the screen it was
opened from, so every step, every screen and every dialog can be reached from
the palette: a dialog about something in a list (a person, an action, a
checklist item) opens for the one highlighted, as its key does.

``Command.opens`` names the screen or dialog a command opens (its class), so a
test can run every command and check that it does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .steps import STEPS
from .steps import step as step_of

if TYPE_CHECKING:
    from .home import HomeScreen
    from .journey import StepScreen


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    help: str
    run: Callable[[], Any]
    #: The class name of the screen or dialog it opens ("" if it opens none).
    opens: str = ""


class ScreenCommands(Provider):
    """Base: ``commands()`` lists the screen's commands; found by fuzzy match."""

    def commands(self) -> Iterator[Command]:
        yield from ()

    async def discover(self) -> Hits:
        for c in self.commands():
            yield DiscoveryHit(c.name, c.run, help=c.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.casefold().strip()
        for c in self.commands():
            score = matcher.match(c.name)
            if not score and words and words in c.help.casefold():
                score = 0.2  # found by what it does, not only by its name
            if score > 0:
                yield Hit(score, matcher.highlight(c.name), c.run, help=c.help)


def _home(screen: Any) -> Command:
    return Command("Home (Ctrl+Home)", "Back to the list of groups and sessions",
                   screen.coprod.action_home, "HomeScreen")


class HomeCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        home = cast("HomeScreen", self.screen)
        yield Command("Past sessions and search (s)",
                      "Filter past sessions and search every idea, decision and action",
                      home.action_search, "PastSessionsScreen")
        yield Command("Actions: You said, We did (a)",
                      "Follow up the highlighted group's actions across sessions",
                      home.action_actions, "GroupActionsScreen")
        yield Command("Group history (h)", "Who takes part, role mix, seldom-heard gaps",
                      home.action_history, "GroupHistoryScreen")
        yield Command("New session (n)", "Plan a new session for a group",
                      home.action_new_session, "NewSessionScreen")
        yield Command("New group (g)", "Create a co-production group", home.action_new_group,
                      "GroupFormScreen")
        yield Command("Edit group (e)", "Change the highlighted group's details",
                      home.action_edit_group, "GroupFormScreen")
        yield Command("Resume the running session (r)", "Go back to the session that is "
                      "running", home.action_resume, "LiveScreen")
        yield Command("Open the highlighted session (Enter)", "Planned: at Plan; running: at "
                      "Run; closed: its read-only record", home.action_open,
                      home.opens_to())
        yield Command("Delete session (d)", "Delete the highlighted session, if it was made by "
                      "mistake (planned, or with nothing recorded; asked first)",
                      home.action_delete_session)  # a held session is refused: no dialog
        yield Command("Move session to another group (m)", "For a session made in the wrong "
                      "group (asked first)", home.action_move_session,
                      # with one group there is nowhere to move it: it says so instead
                      "MoveSessionDialog" if len(home.service.groups.groups()) > 1 else "")
        yield Command("Glossary", "Words the highlighted group uses, with their plain meaning",
                      partial(_glossary_from_home, home), "GlossaryScreen")


class StepCommands(ScreenCommands):
    """On a step of a session: every other step, the step's own dialogs and lists,
    the session's other screens, Home."""

    def commands(self) -> Iterator[Command]:
        screen = cast("StepScreen", self.screen)
        for step in STEPS:
            if step.key != screen.STEP:
                yield Command(f"Go to {step.label} ({step.fkey.upper()})", step.help,
                              partial(screen.action_go, step.key),
                              step.screen.partition(":")[2])
        yield from _STEP_EXTRAS.get(screen.STEP, lambda _: iter(()))(screen)
        for key, part, words in (("setup", "#pre-checklist", "Planning checklist"),
                                 ("close", "#involvement-checklist", "Involvement checklist")):
            if screen.STEP != key:
                yield Command(f"{words} ({step_of(key).label})", "Tick each item, add notes",
                              partial(screen.go_to_part, key, part),
                              step_of(key).screen.partition(":")[2])
        yield Command("Withdraw a record", "Take out an idea, decision, action or comment card "
                      "entered by mistake (kept, marked withdrawn, with the reason)",
                      screen.action_withdraw_record, "RecordPicker")
        yield Command("Comment cards", "Each person's answer: how far their voice has "
                      "influence, with a comment", screen.action_cards, "CommentCardsScreen")
        yield Command("'I' statements check", "Check the session against the 8 'I' "
                      "statements, with evidence", screen.action_statements,
                      "StatementsScreen")
        yield from _easy_read_commands(screen)
        yield _home(screen)
        yield from room_commands(screen)


def room_commands(screen: Any) -> Iterator[Command]:
    """The room view's controls (``coprod room`` shows the session on a second screen)."""
    yield Command("Room view: blank it, or show it again (F9)",
                  "A private moment: the room view shows nothing of the meeting",
                  screen.action_room_blank)
    yield Command("Room view: hide the newest record (F10)",
                  "Take the newest idea, decision or action off the room view; it stays in "
                  "the minutes", screen.action_room_hide)
    yield Command("Room view: show hidden records again",
                  "Put back everything hidden from the room view",
                  screen.action_room_show_hidden)
    for mode, words in (("standard", "Standard"), ("large", "Large text"),
                        ("easy_read", "Easy read")):
        yield Command(f"Room view: {words.lower()}",
                      {"standard": "Everything that fits on the screen",
                       "large": "Fewer things at a time, with more space",
                       "easy_read": "One thing at a time, very large, in the plainest words"
                       }[mode], partial(screen.action_room_mode, mode))


def _plan(screen: Any) -> Iterator[Command]:
    yield Command("Edit the highlighted agenda item (Enter)", "Change its title or minutes",
                  screen.action_edit_item, "AgendaItemDialog")
    yield Command("Planning checklist", "Before involving people: tick each item, add notes",
                  partial(screen.show_part, "#pre-checklist"))
    yield Command("Note on the highlighted checklist item (n)", "A note beside the tick",
                  partial(screen.checklist_note, "#pre-checklist"), "NoteDialog")


def _people(screen: Any) -> Iterator[Command]:
    yield Command("Add someone new (n)", "A person not yet on the group's list",
                  screen.action_new_person, "PersonDialog")
    yield Command("Details of the highlighted person (Enter)", "Role, support, consent to "
                  "be named, times", screen.action_details, "PersonDialog")


def _agree(screen: Any) -> Iterator[Command]:
    yield Command("Show the code large (f)", "The code of conduct alone, to read together",
                  screen.action_full_screen, "ConductLarge")
    yield Command("Change the code with the group (m)", "A new dated version of the code",
                  screen.action_amend, "AmendDialog")
    yield Command("Everyone present agreed (A)", "Record an agreement for each person present",
                  screen.action_everyone)


def _follow_up(screen: Any) -> Iterator[Command]:
    table = screen.query_one("ActionsTable")
    yield Command("Done: what we did (d)", "Say what was done about the highlighted action",
                  partial(table.action_follow, "done"), "OutcomeDialog")
    yield Command("Not able to do it (x)", "Say why the highlighted action could not be done",
                  partial(table.action_follow, "not_able"), "OutcomeDialog")
    yield Command("Told back to the group (t)", "Record that the group has heard the outcome",
                  table.action_told_back)


def _run(screen: Any) -> Iterator[Command]:
    yield Command("Hand up (Ctrl+R)", "Someone wants to speak", partial(screen.action_hand,
                  "normal"), "PersonPicker")
    yield Command("Point of order (Ctrl+O)", "Goes to the front of the queue",
                  partial(screen.action_hand, "point_of_order"), "PersonPicker")
    yield Command("Next speaker (Ctrl+N)", "The first hand up has the floor",
                  screen.action_next_speaker)
    yield Command("Someone spoke (Ctrl+T)", "Count a turn for someone who spoke without a "
                  "hand up", screen.action_spoke, "PersonPicker")
    yield Command("Record a decision (Ctrl+G)", "What was decided, and why",
                  screen.action_decision, "DecisionDialog")
    yield Command("Record an action (Ctrl+L)", "What will be done, by whom, by when",
                  screen.action_action, "ActionDialog")
    yield Command("Next agenda item (PgDn)", "Start the clock on the next item",
                  partial(screen.action_item, 1))
    yield Command("Start the session (Ctrl+S)", "Start the meeting: the agenda clock runs and "
                  "ideas can be recorded (asked first if today is not its day)",
                  screen.action_start)
    yield Command("An idea not taken up (Ctrl+Y)", "Say why the group will not take up an "
                  "idea (You said, We did: We could not)", screen.action_not_taken_up,
                  "NotTakenUpDialog")


def _close(screen: Any) -> Iterator[Command]:
    yield Command("Involvement checklist", "While involving people: tick each item, add "
                  "notes", partial(screen.show_part, "#involvement-checklist"))
    yield Command("Note on the highlighted checklist item (n)", "A note beside the tick",
                  partial(screen.checklist_note, "#involvement-checklist"), "NoteDialog")
    yield Command("Next meeting", "When and where the group meets next",
                  partial(screen.show_part, "#next_date"))
    yield Command("Close the session (Ctrl+F)", "The meeting has ended: lock its record "
                  "(asked first)", screen.action_finish)
    yield Command("An idea not taken up", "Say why the group will not take up an idea "
                  "(You said, We did: We could not)", screen.action_not_taken_up,
                  "NotTakenUpDialog")


def _share(screen: Any) -> Iterator[Command]:
    from coprod_tui.exports.formats import FORMATS

    for fmt in FORMATS.values():
        yield Command(f"Write {fmt.label} ({fmt.suffix})", "Written to the folder shown",
                      partial(screen.write, fmt.key))


_STEP_EXTRAS: dict[str, Callable[[Any], Iterator[Command]]] = {
    "setup": _plan, "attendance": _people, "conduct": _agree, "followup": _follow_up,
    "live": _run, "close": _close, "share": _share,
}


class SessionViewCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        view = cast("Any", self.screen)
        yield Command("Correct a record (c)", "Change an idea, decision or action (kept as a "
                      "dated correction)", view.action_correct, "RecordPicker")
        yield Command("Withdraw a record (w)", "Take out a record entered by mistake (kept, "
                      "marked withdrawn, with the reason)", view.action_withdraw, "RecordPicker")
        yield from _easy_read_commands(view)
        for step in STEPS:
            yield Command(f"Go to {step.label} ({step.fkey.upper()})", step.help,
                          partial(view.action_go, step.key), step.screen.partition(":")[2])
        yield _home(view)


class HistoryCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        history = cast("Any", self.screen)
        yield Command("Write impact report (i)", "Evidence of impact across the group's "
                      "sessions (Word)", history.action_impact)
        yield Command("Write You said, We did (y)", "Every action of the group and what "
                      "became of it (Word)", history.action_you_said)
        yield _home(history)


def _easy_read_commands(screen: Any) -> Iterator[Command]:
    """Plain words, the glossary and (on Share) the check before sharing."""
    from .plain_words import walk_plain_words

    yield Command("Plain words for the easy read", "Go through the ideas, decisions and "
                  "jobs with no plain words yet, the longest first",
                  partial(walk_plain_words, screen))
    yield Command("Glossary", "Words the group uses, with their plain meaning",
                  partial(_glossary, screen), "GlossaryScreen")
    if getattr(screen, "STEP", "") == "share":
        yield Command("Check the easy read (c)", "What to put in plain words before sharing "
                      "it", screen.action_check)


def _glossary(screen: Any) -> None:
    from .glossary import GlossaryScreen

    screen.app.push_screen(GlossaryScreen(screen.service.session(screen.session_id).group().id))


def _glossary_from_home(home: Any) -> None:
    from .glossary import GlossaryScreen

    group_id = home._group_for("glossary")
    if group_id:
        home.app.push_screen(GlossaryScreen(group_id))


class BackHomeCommands(ScreenCommands):
    """On a screen reached from Home (the glossary): the way back."""

    def commands(self) -> Iterator[Command]:
        yield _home(self.screen)


class PastSessionsCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        past = cast("Any", self.screen)
        yield Command("Open the highlighted session (Enter)", "Its read-only record; from "
                      "something found, at that record", past.open_highlighted,
                      "SessionViewScreen")
        yield Command("Clear the filters (Ctrl+R)", "Every session, all dates",
                      past.action_clear)
        yield _home(past)


class ActionsCommands(ScreenCommands):
    """A group's actions across its sessions."""

    def commands(self) -> Iterator[Command]:
        screen = cast("Any", self.screen)
        yield from _follow_up(screen)
        yield Command("Show open / done / all (f)", "Change which actions are listed",
                      screen.action_cycle)
        yield _home(screen)


class SessionPartCommands(ScreenCommands):
    """Comment cards and the 'I' statements check: each other, and the way back."""

    def commands(self) -> Iterator[Command]:
        screen = cast("Any", self.screen)
        if type(screen).__name__ != "CommentCardsScreen":
            yield Command("Comment cards", "Each person's answer, with a comment",
                          screen.open_cards, "CommentCardsScreen")
        if type(screen).__name__ != "StatementsScreen":
            yield Command("'I' statements check", "Check the session against the 8 'I' "
                          "statements", screen.open_statements, "StatementsScreen")
        yield Command("Back (Escape)", "Back to where you came from", screen.action_leave)
        yield _home(screen)


class DialogCommands(ScreenCommands):
    """In a dialog: save it, or cancel (asking first if something is typed)."""

    def commands(self) -> Iterator[Command]:
        dialog = cast("Any", self.screen)
        if getattr(dialog, "SUBMIT_LABEL", ""):
            yield Command(f"{dialog.SUBMIT_LABEL} (Ctrl+S)", "Save what is in this dialog",
                          dialog.action_submit)
        yield Command("Cancel (Escape)", "Close this dialog (asks first if something is "
                      "typed)", dialog.action_cancel)
