"""The command palette (Ctrl+P): one command provider per kind of screen.

Each screen names its provider in ``COMMANDS``; the app adds its own (high
contrast, keys, quit). A provider lists the commands of the screen it was opened
from, so every step and every screen can be reached from the palette.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .steps import STEPS

if TYPE_CHECKING:
    from .history import GroupHistoryScreen
    from .home import HomeScreen
    from .journey import StepScreen
    from .session_view import SessionViewScreen

#: (name, what it does, what runs it).
Command = tuple[str, str, Callable[[], Any]]


class ScreenCommands(Provider):
    """Base: ``commands()`` lists the screen's commands; found by fuzzy match."""

    def commands(self) -> Iterator[Command]:
        yield from ()

    async def discover(self) -> Hits:
        for name, help_text, run in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self.commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


class HomeCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        home = cast("HomeScreen", self.screen)
        yield ("Past sessions and search",
               "Filter past sessions and search every idea, decision and action",
               home.action_search)
        yield ("Actions (You said, We did)", "Follow up the group's actions across sessions",
               home.action_actions)
        yield ("Group history", "Who takes part, role mix, seldom-heard gaps",
               home.action_history)
        yield "New session", "Plan a new session for a group", home.action_new_session
        yield "New group", "Create a co-production group", home.action_new_group
        yield "Edit group", "Change the highlighted group's details", home.action_edit_group
        yield "Resume", "Go back to the session that is running", home.action_resume
        yield "Open session", "Open the highlighted session", home.action_open
        yield ("Delete session", "Delete the highlighted session, if it was made by mistake "
               "(planned, or with nothing recorded)", home.action_delete_session)
        yield ("Move session to another group", "For a session made in the wrong group",
               home.action_move_session)
        yield ("Glossary", "Words the highlighted group uses, with their plain meaning",
               partial(_glossary_from_home, home))


class StepCommands(ScreenCommands):
    """On a step of a session: every other step, the session's other screens, Home."""

    def commands(self) -> Iterator[Command]:
        screen = cast("StepScreen", self.screen)
        for step in STEPS:
            if step.key != screen.STEP:
                yield (f"Go to {step.label} ({step.fkey.upper()})", step.help,
                       partial(screen.action_go, step.key))
        yield from screen.step_commands()
        yield ("Withdraw a record", "Take out an idea, decision, action or comment card "
               "entered by mistake (kept, marked withdrawn, with the reason)",
               screen.action_withdraw)
        yield ("Comment cards", "Each person's answer: how far their voice has influence",
               screen.action_cards)
        yield ("'I' statements check", "Check the session against the 8 'I' statements",
               screen.action_statements)
        yield from _easy_read_commands(screen)
        yield "Home", "Back to the list of groups and sessions", screen.coprod.action_home
        yield from room_commands(screen)


def room_commands(screen: StepScreen) -> Iterator[Command]:
    """The room view's controls (``coprod room`` shows the session on a second screen)."""
    yield ("Room view: blank it, or show it again (F9)",
           "A private moment: the room view shows nothing of the meeting", screen.action_room_blank)
    yield ("Room view: hide the newest record (F10)",
           "Take the newest idea, decision or action off the room view; it stays in the "
           "minutes", screen.action_room_hide)
    yield ("Room view: show hidden records again",
           "Put back everything hidden from the room view", screen.action_room_show_hidden)
    for mode, words in (("standard", "Standard"), ("large", "Large text"),
                        ("easy_read", "Easy read")):
        yield (f"Room view: {words.lower()}",
               {"standard": "Everything that fits on the screen",
                "large": "Fewer things at a time, with more space",
                "easy_read": "One thing at a time, very large, in the plainest words"}[mode],
               partial(screen.action_room_mode, mode))


class SessionViewCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        view = cast("SessionViewScreen", self.screen)
        yield ("Correct a record", "Change an idea, decision or action (kept as a dated "
               "correction)", view.action_correct)
        yield ("Withdraw a record", "Take out a record entered by mistake (kept, marked "
               "withdrawn, with the reason)", view.action_withdraw)
        yield from _easy_read_commands(view)
        for step in STEPS:
            yield (f"Go to {step.label} ({step.fkey.upper()})", step.help,
                   partial(view.action_go, step.key))
        yield "Home", "Back to the list of groups and sessions", view.coprod.action_home


class HistoryCommands(ScreenCommands):
    def commands(self) -> Iterator[Command]:
        history = cast("GroupHistoryScreen", self.screen)
        yield ("Write impact report", "Evidence of impact across the group's sessions (Word)",
               history.action_impact)
        yield ("Write You said, We did", "Every action of the group and what became of it "
               "(Word)", history.action_you_said)
        yield "Home", "Back to the list of groups and sessions", history.coprod.action_home


def _easy_read_commands(screen: Any) -> Iterator[Command]:
    """Plain words, the glossary and (on Share) the check before sharing."""
    from .plain_words import walk_plain_words

    yield ("Plain words for the easy read", "Go through the ideas, decisions and jobs with "
           "no plain words yet, the longest first", partial(walk_plain_words, screen))
    yield ("Glossary", "Words the group uses, with their plain meaning",
           partial(_glossary, screen))
    if getattr(screen, "STEP", "") == "share":
        yield ("Check the easy read", "What to put in plain words before sharing it",
               screen.action_check)


def _glossary(screen: Any) -> None:
    from .glossary import GlossaryScreen

    screen.app.push_screen(GlossaryScreen(screen.service.session(screen.session_id).group().id))


def _glossary_from_home(home: HomeScreen) -> None:
    from .glossary import GlossaryScreen

    group_id = home._group_for("glossary")
    if group_id:
        home.app.push_screen(GlossaryScreen(group_id))


class BackHomeCommands(ScreenCommands):
    """On a screen reached from Home (actions, past sessions): the way back."""

    def commands(self) -> Iterator[Command]:
        app = cast("Any", self.screen).coprod
        yield "Home", "Back to the list of groups and sessions", app.action_home
