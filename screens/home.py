"""Home: groups and their sessions (latest first); start, resume or open one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui.errors import CoprodError
from coprod_tui.text import one_line
from coprod_tui.words import long_date

from .base import AppAccess
from .commands import HomeCommands
from .widgets import SteadyFooter

# Home is all that start-up shows, so the step screens and the form widgets
# (.journey, .forms) are imported when first needed, not here.

ALL = "__all__"
#: The last row while older sessions are still to load: highlighting it loads them.
OLDER = "__older__"
#: Sessions loaded at a time: Home costs the same with ten sessions or ten thousand.
PAGE = 60
OLDER_WORDS = "Older sessions… (Enter or ↓ shows more)"
_NOT_SHOWN = object()
STATUS_WORDS = {"planned": "Planned", "live": "RUNNING", "closed": "Closed"}


class HomeScreen(AppAccess, Screen[None]):
    CSS_PATH = "home.tcss"
    COMMANDS = {HomeCommands}
    HELP_TITLE = "Home"
    ABOUT = (
        "Home lists your groups on the left and their sessions on the right, the latest "
        "first. Up and Down move in a list; Tab moves between the two. Enter on a group "
        "shows its sessions; Enter on a session opens it: a planned session opens at "
        "Plan, a running one at Run, and a closed one as a read-only record.\n\n"
        "n plans a new session and g makes a new group (e changes the highlighted "
        "group). If a session is still running, r goes back to it. s searches every past "
        "session; a lists a group's actions (You said, We did) to follow up; h shows "
        "who takes part and who is missing.\n\n"
        "Everything is saved as you go: there is no save key. Ctrl+Home comes back here "
        "from anywhere. Ctrl+Q quits.")
    BINDINGS = [
        Binding("n", "new_session", "New session", id="home.new-session"),
        Binding("g", "new_group", "New group", show=False, id="home.new-group"),
        Binding("e", "edit_group", "Edit group", show=False, id="home.edit-group"),
        Binding("r", "resume", "Resume", show=False, id="home.resume"),
        Binding("s", "search", "Search", id="home.search"),
        Binding("a", "actions", "Actions", id="home.actions"),
        Binding("h", "history", "History", id="home.history"),
        Binding("enter", "open", "Open", show=False, id="home.open"),
        Binding("d", "delete_session", "Delete", show=False, id="home.delete-session"),
        Binding("m", "move_session", "Move to group", show=False, id="home.move-session"),
    ]
    #: The group the sessions table was last filled for (None: all groups).
    _shown_group: object = _NOT_SHOWN
    #: True between the first fill in on_mount and the resume that follows it.
    _just_mounted = False
    #: How many sessions the table holds (a refresh loads as many again).
    _loaded = 0
    #: The oldest session shown (the next page starts after it).
    _last = None
    #: A session to highlight again when the lists are filled (one just moved); the
    #: fill as Home comes back from the dialog is the last that keeps it.
    _keep: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="banner", markup=False)
        with Horizontal():
            with Vertical(id="groups-pane"):
                yield Static("Groups", classes="pane-title")
                yield OptionList(id="groups")
            with Vertical(id="sessions-pane"):
                yield Static("Sessions, latest first", classes="pane-title")
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
                yield Static(id="session-detail", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Date", "Session", "Status", "To do")
        self.refresh_lists()
        self.query_one("#sessions", DataTable).focus()
        # The resume that follows the first push would only fill the lists again.
        self._just_mounted = True

    def on_screen_resume(self) -> None:
        if self._just_mounted:
            self._just_mounted = False
            return
        self.refresh_lists()
        self._keep = None

    # -- what is shown ----------------------------------------------------------------

    @property
    def group_id(self) -> str | None:
        groups = self.query_one("#groups", OptionList)
        if groups.highlighted is None:
            return None
        option_id = groups.get_option_at_index(groups.highlighted).id
        return None if option_id == ALL else option_id

    def refresh_lists(self) -> None:
        groups = self.query_one("#groups", OptionList)
        chosen = self.group_id
        groups.clear_options()
        groups.add_option(Option("All groups", id=ALL))
        every = self.service.groups.groups()
        for group in every:
            groups.add_option(Option(Text(group.name), id=group.id))
        ids = [ALL, *(g.id for g in every)]
        groups.highlighted = ids.index(chosen) if chosen in ids else 0
        self._fill_sessions()
        if self._keep in self._listed:
            table = self.query_one("#sessions", DataTable)
            table.move_cursor(row=table.get_row_index(self._keep))
        self._show_banner()

    #: The sessions listed, by id (for the line under the table).
    _listed: dict = {}

    def _fill_sessions(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        group_id = self.group_id
        if group_id != self._shown_group:
            self._loaded = 0
        self._shown_group = group_id
        self._listed = {}
        self._last = None
        self._add_page(max(PAGE, self._loaded))

    def _add_page(self, size: int = PAGE) -> None:
        """Add the next ``size`` sessions (older than those shown) to the table."""
        table = self.query_one("#sessions", DataTable)
        group_id = self._shown_group
        if OLDER in table.rows:
            table.remove_row(OLDER)
        found = self.service.latest(group_id, after=self._last, limit=size + 1)
        more = len(found) > size
        found = found[:size]
        group_names = {g.id: g.name for g in self.service.groups.groups()}
        # Titles get what the table has left after the date, status and count (the
        # whole title is said under the table for the highlighted row).
        pane = self.query_one("#sessions-pane").size.width or self.app.size.width * 7 // 10
        room = max(16, pane - 35)
        # Every cell is one line (the title two, with the group's name), and columns
        # widen to fit, so the height is known: height=None would make the table
        # render every row to measure it.
        height = 1 if group_id is not None else 2

        def plain(text: str) -> Text:
            # What the table makes of a str cell, minus parsing it as markup (the
            # date, status and count hold none), which it would do for every row.
            return Text(text, no_wrap=height == 1, end="")

        self._listed.update((s.id, (s, group_names.get(s.group_id, "Unknown group")))
                            for s in found)
        for s in found:
            title = Text(one_line(s.title, room))
            if group_id is None:  # all groups: say which group, on a second line
                title.append("\n" + one_line(group_names.get(s.group_id, "Unknown group"), room),
                             style="dim")
            table.add_row(plain(s.date), title, plain(STATUS_WORDS.get(s.status, s.status)),
                          plain(str(s.actions_open)), key=s.id, height=height)
        if found:
            self._last = found[-1]
        self._loaded = table.row_count
        if more:
            table.add_row(plain(""), Text(OLDER_WORDS, style="italic", end=""),
                          plain(""), plain(""), key=OLDER, height=1)
        self._show_detail()

    @on(DataTable.RowHighlighted, "#sessions")
    def _show_detail(self) -> None:
        """The highlighted session in full: its title may be cut short in the table."""
        table = self.query_one("#sessions", DataTable)
        detail = self.query_one("#session-detail", Static)
        if not table.row_count:
            detail.update("No sessions yet." if self.service.groups.groups() else "")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key not in self._listed:  # "Older sessions…": they are being added
            return
        s, group = self._listed[key]
        todo = f"{s.actions_open} action{'s' if s.actions_open != 1 else ''} to follow up"
        detail.update(f"{s.title} · {group} · {s.date} · "
                      f"{STATUS_WORDS.get(s.status, s.status)} · {todo}")

    def _show_banner(self) -> None:
        service = self.service
        banner = self.query_one("#banner", Static)
        live = service.latest(status="live", limit=1)
        if not service.groups.groups():
            banner.update("Welcome. Press g to create your first group, then n to plan a "
                          "session. To explore an example first, run: coprod demo")
        elif live:
            lead = ("coprod did not close properly last time. Nothing that was shown as "
                    "saved has been lost. " if service.unclean_shutdown else "")
            banner.update(f"{lead}'{live[0].title}' ({live[0].date}) is still running: "
                          "press r to resume it.")
        else:
            banner.update("Press n to plan a new session, or Enter to open the one "
                          "highlighted.")

    @on(OptionList.OptionHighlighted, "#groups")
    def _group_changed(self) -> None:
        # refresh_lists re-highlights the group it has just filled the table for.
        if self.group_id != self._shown_group:
            self._fill_sessions()

    @on(OptionList.OptionSelected, "#groups")
    def _group_chosen(self) -> None:
        """Enter on a group: its sessions are listed; go to them."""
        self.query_one("#sessions", DataTable).focus()

    @on(DataTable.RowSelected, "#sessions")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value == OLDER:
            self._add_page()
        else:
            self.open_session(event.row_key.value)

    @on(DataTable.RowHighlighted, "#sessions")
    def _row_reached(self, event: DataTable.RowHighlighted) -> None:
        # Moving onto the last row (↓, PgDn, Ctrl+End) loads the next sessions.
        if event.row_key.value == OLDER:
            self._add_page()

    # -- actions --------------------------------------------------------------------------

    def open_session(self, session_id: str, step: str | None = None) -> None:
        from .steps import first_step_for, open_step

        try:
            status = self.service.session(session_id).session.status
        except CoprodError as exc:  # a damaged file is set aside by the store
            self.notify(str(exc), title="Could not open", severity="error", markup=False)
            self.refresh_lists()
            return
        if status == "closed" and step is None:
            from .session_view import SessionViewScreen

            self.app.push_screen(SessionViewScreen(session_id))
            return
        open_step(self.app, step or first_step_for(status), session_id)

    def _highlighted(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if value == OLDER else value

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            if key.value == OLDER:
                self._add_page()
            else:
                self.open_session(key.value)

    def action_delete_session(self) -> None:
        """Delete the highlighted session, if it was made by mistake (asked first)."""
        from .confirm import ConfirmDialog

        session_id = self._highlighted()
        if session_id is None:
            self.notify("Highlight a session on the right first.")
            return
        try:
            why = self.service.delete_refusal(session_id)
            session = self.service.session(session_id).session
        except CoprodError as exc:
            self.notify(str(exc), title="Not deleted", severity="warning", markup=False)
            return
        if why:
            self.notify(why, title="Not deleted", severity="warning", markup=False)
            return

        def answered(choice: str | None) -> None:
            if choice != "delete":
                return
            try:
                self.service.delete_session(session_id)
            except CoprodError as exc:
                self.notify(str(exc), title="Not deleted", severity="error", markup=False)
                return
            self.refresh_lists()
            self.notify("The session was deleted.")

        self.app.push_screen(ConfirmDialog("Delete this session?", [
            f"{session.title} ({long_date(session.date)}, "
            f"{STATUS_WORDS.get(session.status, session.status).lower()}).",
            "Deleting removes it, and anything planned for it, for good. Only a session "
            "made by mistake can go: a planned one, or one with nothing recorded in it."],
            [("delete", "Delete it", "error")]), answered)

    def action_move_session(self) -> None:
        """Move the highlighted session to another group (a form that asks first)."""
        from .move_session import MoveSessionDialog

        session_id = self._highlighted()
        if session_id is None:
            self.notify("Highlight a session on the right first.")
            return
        if len(self.service.groups.groups()) < 2:
            self.notify("There is no other group to move it to: make one with g first.")
            return

        def moved(group_id: str | None) -> None:
            if group_id:
                # Still highlighted where it is listed (not back at the top of the list).
                self._keep = session_id
                self.refresh_lists()
                self.notify(f"The session was moved to {self.service.groups.group(group_id).name}.",
                            markup=False)

        self.app.push_screen(MoveSessionDialog(session_id), moved)
    def opens_to(self) -> str:
        """The screen Enter opens for the highlighted session (its class name)."""
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return ""
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key not in self._listed:
            return ""
        status = self._listed[key][0].status
        return {"planned": "SetupScreen", "live": "LiveScreen"}.get(status, "SessionViewScreen")

    def action_resume(self) -> None:
        live = self.service.latest(status="live", limit=1)
        if live:
            self.open_session(live[0].id, "live")
        else:
            self.notify("No session is running.")

    def action_new_session(self) -> None:
        from .new_session import NewSessionScreen

        if not self.service.groups.groups():
            self.notify("Create a group first: press g.")
            return

        def created(session_id: str | None) -> None:
            if session_id:
                self.refresh_lists()
                self.open_session(session_id, "setup")

        self.app.push_screen(NewSessionScreen(self.group_id), created)

    def action_new_group(self) -> None:
        from .group_form import GroupFormScreen

        self.app.push_screen(GroupFormScreen(None), lambda _: self.refresh_lists())

    def action_edit_group(self) -> None:
        from .group_form import GroupFormScreen

        if self.group_id is None:
            self.notify("Highlight a group on the left first.")
            return
        self.app.push_screen(GroupFormScreen(self.group_id), lambda _: self.refresh_lists())

    def _group_for(self, what: str) -> str | None:
        """The highlighted group, or the only one; otherwise ask for one."""
        groups = self.service.groups.groups()
        if self.group_id is not None:
            return self.group_id
        if len(groups) == 1:
            return groups[0].id
        self.notify(f"Highlight a group on the left to see its {what}.")
        return None

    def action_search(self) -> None:
        from .review import PastSessionsScreen

        self.app.push_screen(PastSessionsScreen(self.group_id))

    def action_actions(self) -> None:
        from .actions import GroupActionsScreen

        group_id = self._group_for("actions")
        if group_id:
            self.app.push_screen(GroupActionsScreen(group_id))

    def action_history(self) -> None:
        from .history import GroupHistoryScreen

        group_id = self._group_for("history")
        if group_id:
            self.app.push_screen(GroupHistoryScreen(group_id))
