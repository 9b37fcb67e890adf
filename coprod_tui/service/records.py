"""The verbs for what the room said and agreed: ideas, decisions, actions and their
follow-up, corrections, comment cards and the 'I' statements check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..clock import now
from ..errors import ValidationError
from ..model import Action, AuditAnswer, Decision, Feedback, Idea, Record
from ..rules import actions as action_rules
from ..rules import links
from ..store.session_file import SessionFile
from .contract import verb
from .session_base import SessionBase

#: What a correction may change, per kind of record.
CORRECTABLE = {"idea": "ideas", "decision": "decisions", "action": "actions"}


class RecordVerbs(SessionBase):
    """Ideas, decisions, actions, corrections, comment cards and the statements check."""

    # -- ideas, decisions, actions -----------------------------------------------------------

    @verb
    def add_idea(self, text: str, *, raised_by: str = "anonymous", person_id: str | None = None,
                 agenda_item_id: str | None = None, tags: Iterable[str] = ()) -> Idea:
        file = self._file()
        idea = Idea(text=text, raised_by=raised_by, person_id=person_id, tags=list(tags),
                    agenda_item_id=agenda_item_id or file.session.current_item_id)
        file.insert("ideas", idea)
        return idea

    @verb
    def add_decision(self, text: str, reasons: str, **fields: Any) -> Decision:
        file = self._file()
        links.check_decision_ideas(fields.get("idea_ids", []), file.rows("ideas"))
        fields.setdefault("agenda_item_id", file.session.current_item_id)
        decision = Decision(text=text, reasons=reasons, **fields)
        file.insert("decisions", decision)
        return decision

    @verb
    def add_action(self, text: str, **fields: Any) -> Action:
        file = self._file()
        links.check_action_source(fields.get("source_kind", ""), fields.get("source_id"),
                                  file.rows("ideas"), file.rows("decisions"))
        action = Action(text=text, **fields)
        file.insert("actions", action)
        return action

    @verb
    def correct(self, kind: str, record_id: str, *, note: str = "", **changes: Any) -> Record:
        """Change an idea, decision or action of a session, keeping what it said before
        (as dated corrections, once the session is closed)."""
        if kind not in CORRECTABLE:
            raise ValidationError("Only an idea, a decision or an action is corrected here.",
                                  field="kind")
        file = self._file()
        table = CORRECTABLE[kind]
        old = file.find(table, record_id)
        if table == "decisions" and "idea_ids" in changes:
            links.check_decision_ideas(changes["idea_ids"], file.rows("ideas"))
        if table == "actions":
            new: Record = self._edit_action(file, old, changes, note)
        else:
            new = self._change(file, table, old, changes, note=note)
        self._store.refresh(file)  # the session list and search see the new words
        return new

    @verb
    def set_plain(self, kind: str, record_id: str, text: str) -> Record:
        """An idea, decision or action in plain words, for the easy read ("" takes it
        away). It adds to the record and changes nothing that was said, so even in a
        closed session it is not a correction (``rules/lifecycle.py``)."""
        if kind not in CORRECTABLE:
            raise ValidationError("Only an idea, a decision or an action has plain words.",
                                  field="kind")
        file = self._file()
        table = CORRECTABLE[kind]
        return self._change(file, table, file.find(table, record_id), {"plain": text})

    @verb
    def set_action_status(self, action_id: str, status: str, *, outcome: str = "",
                          reason: str = "") -> Action:
        """Done (saying what was done), not able (saying why) or open again."""
        file = self._file()
        changes = action_rules.status_changes(status, outcome=outcome, reason=reason)
        return self._edit_action(file, file.find("actions", action_id), changes, "")

    @verb
    def mark_told_back(self, action_id: str, at: str | None = None) -> Action:
        """The group has been told the outcome (now, or at ``at``)."""
        file = self._file()
        action = file.find("actions", action_id)
        return self._edit_action(file, action, action_rules.told_back(action, at), "")

    def _edit_action(self, file: SessionFile, old: Action, changes: dict[str, Any],
                     note: str) -> Action:
        return self._change(file, "actions", old,
                            {**changes, "updated_at": now()}, note=note)

    # -- comment cards and the 'I' statements check ------------------------------------------

    @verb
    def add_feedback(self, level: int, comment: str = "", person_id: str | None = None
                     ) -> Feedback:
        card = Feedback(level=level, comment=comment, person_id=person_id)
        self._file().insert("feedback", card)
        return card

    @verb
    def remove_feedback(self, feedback_id: str) -> None:
        file = self._file()
        file.delete("feedback", file.find("feedback", feedback_id).id)

    @verb
    def set_audit(self, statement: int, answers: list[str], evidence: str = "",
                  will_change: str = "") -> AuditAnswer:
        """The check of one 'I' statement (a second check replaces the first)."""
        file = self._file()
        answer = AuditAnswer(statement=statement, answers=answers, evidence=evidence,
                             will_change=will_change)
        old = next((a for a in file.rows("audit") if a.statement == statement), None)
        if old is None:
            file.insert("audit", answer)
            return answer
        return self._change(file, "audit", old, {"answers": answers, "evidence": evidence,
                                                 "will_change": will_change, "at": answer.at})
