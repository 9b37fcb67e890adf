"""Create or edit a group: its purpose, what it can change, and its code of conduct."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from coprod_tui.framework import STAGES

from .forms import FormDialog, label, select, text_area
from .widgets import LineBox


class GroupFormScreen(FormDialog[str]):
    SUBMIT_LABEL = "Save group"
    #: The code of conduct's first version: its text is typed in the "conduct" box.
    WIDGETS = {"text": "conduct", "agreed_on": "conduct_agreed_on"}

    def __init__(self, group_id: str | None) -> None:
        super().__init__()
        self.group_id = group_id
        self.TITLE_TEXT = "New group" if group_id is None else "Edit group"

    def fields(self) -> ComposeResult:
        group = self.service.groups.group(self.group_id) if self.group_id else None
        yield label("Name of the group")
        yield LineBox(group.name if group else "", id="name",
                    placeholder="For example: Short Stay Co-production Group")
        yield label("Organisation (shown as the author of minutes)")
        yield LineBox(group.organisation if group else "", id="organisation")
        yield label("What the group is for")
        yield text_area(group.purpose if group else "", id="purpose", height=3)
        yield label("What the group can change")
        yield text_area(group.can_change if group else "", id="can_change", height=3)
        yield label("What cannot change (and why)")
        yield text_area(group.cannot_change if group else "", id="cannot_change", height=3)
        yield label("Stage of the work")
        yield select(STAGES, group.stage if group else "analyse", id="stage")
        if group is None:
            yield label("Code of conduct (one point per line; the group can change it later)")
            yield text_area(self.coprod.wording.code_of_conduct, id="conduct", height=8)
            yield label("The day the group agreed it (year-month-day; blank if it has not yet)")
            yield LineBox(id="conduct_agreed_on", placeholder="year-month-day")
        else:
            yield Static("The code of conduct is changed with the group, on the Agree step.",
                         classes="hint", markup=False)

    def submit(self) -> str:
        fields = {key: self.value(key) for key in
                  ("name", "organisation", "purpose", "can_change", "cannot_change", "stage")}
        groups = self.service.groups
        if self.group_id is None:
            return groups.add_group(conduct=self.value("conduct"),
                                    conduct_agreed_on=self.value("conduct_agreed_on"),
                                    **fields).id
        return groups.update_group(self.group_id, **fields).id
