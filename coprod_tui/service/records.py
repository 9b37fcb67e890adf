"""The verbs for what the room said and agreed: ideas, decisions, actions and their
follow-up, corrections, withdrawals, comment cards and the 'I' statements check.

A new record needs a running session (``lifecycle.check_recording``): nothing is
recorded before the session is started, and nothing added after it closed. A
closed session's records change only as dated corrections, or are withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..clock import now
from ..errors import ValidationError
from ..model import Action, AuditAnswer, Decision, Feedback, Idea, Record
from ..rules import actions as action_rules
from ..rules import decisions as decision_rules
from ..rules import lifecycle, links, speaking
from ..store.session_file import SessionFile
from .contract import verb
from .session_base import SessionBase

#: What a correction may change, per kind of record.
CORRECTABLE = {"idea": "ideas", "decision": "decisions", "action": "actions"}
#: What may be withdrawn as entered in error, per kind of record.
WITHDRAWABLE = {**CORRECTABLE, "card": "feedback"}


class RecordVerbs(SessionBase):
    """Ideas, decisions, actions, corrections, comment cards and the statements check."""

    # -- ideas, decisions, actions -----------------------------------------------------------

    @verb
    def add_idea(self, text: str, *, raised_by: str = "anonymous", person_id: str | None = None,
                 agenda_item_id: str | None = None, tags: Iterable[str] = ()) -> Idea:
        file = self._file()
        lifecycle.check_recording(file.session, "an idea")
        idea = Idea(text=text, raised_by=raised_by, person_id=person_id, tags=list(tags),
                    agenda_item_id=agenda_item_id or file.session.current_item_id)
        file.insert("ideas", idea)
        return idea

    @verb
    def add_decision(self, text: str, reasons: str, **fields: Any) -> Decision:
        file = self._file()
        lifecycle.check_recording(file.session, "a decision")
        links.check_decision_ideas(fields.get("idea_ids", []), file.rows("ideas"))
        fields.setdefault("agenda_item_id", file.session.current_item_id)
        decision = Decision(text=text, reasons=reasons, **fields)
        decision_rules.check(decision)
        file.insert("decisions", decision)
        return decision

    @verb
    def vote_warning(self, **fields: Any) -> str | None:
        """A warning when a vote counts more people than take part (not a refusal): an
        interpreter or supporter present does not vote."""
        present = len(speaking.participants(self._file().rows("attendance")))
        return decision_rules.vote_warning(fields, present)

    @verb
    def add_action(self, text: str, **fields: Any) -> Action:
        file = self._file()
        lifecycle.check_recording(file.session, "an action")
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
        if old.withdrawn:
            raise ValidationError(f"This {kind} was withdrawn, so it is not corrected.",
                                  field="withdrawn_reason")
        if "text" in changes and not str(changes["text"]).strip():
            article = "An" if kind[0] in "aeiou" else "A"
            raise ValidationError(f"{article} {kind} cannot be left empty. To take it out of "
                                  "the record, withdraw it instead (saying why).", field="text")
        if table == "decisions" and "idea_ids" in changes:
            links.check_decision_ideas(changes["idea_ids"], file.rows("ideas"))
        if table == "actions":
            new: Record = self._edit_action(file, old, changes, note)
        else:
            if table == "decisions":
                decision_rules.check(old.replace(**changes), set(changes))
            new = self._change(file, table, old, changes, note=note)
        self._store.refresh(file)  # the session list and search see the new words
        return new

    @verb
    def withdraw(self, kind: str, record_id: str, reason: str) -> Record:
        """Withdraw an idea, decision, action or comment card entered in error: it stays
        in the record, marked withdrawn with when and why, and leaves every count and
        document. Nothing is ever deleted from a session that took place."""
        if kind not in WITHDRAWABLE:
            raise ValidationError("Only an idea, a decision, an action or a comment card "
                                  "is withdrawn.", field="kind")
        file = self._file()
        old = file.find(WITHDRAWABLE[kind], record_id)
        new = self._change(file, WITHDRAWABLE[kind], old, lifecycle.withdrawn(old, reason))
        self._store.refresh(file)
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
    def unanswered_ideas(self) -> list[Idea]:
        """The ideas nothing answers yet: no decision drew on them, no action answers
        them, and no reason was given for not taking them up."""
        file = self._file()
        used = {i for d in file.rows("decisions") if not d.withdrawn for i in d.idea_ids}
        used |= {a.source_id for a in file.rows("actions")
                 if not a.withdrawn and a.source_kind == "idea"}
        return [i for i in file.rows("ideas")
                if not i.withdrawn and not i.not_taken_up.strip() and i.id not in used]

    @verb
    def not_taken_up(self, idea_id: str, reason: str) -> Idea:
        """Say why the group did not take an idea up (the "We could not" of You said, We
        did); an empty reason takes that back. Following up an idea is not a correction,
        so it may be said after the session closed."""
        file = self._file()
        idea = file.find("ideas", idea_id)
        if idea.withdrawn:
            raise ValidationError("This idea was withdrawn.", field="not_taken_up")
        if reason.strip():
            used = [d for d in file.rows("decisions") if idea.id in d.idea_ids
                    and not d.withdrawn]
            used += [a for a in file.rows("actions") if a.source_kind == "idea"
                     and a.source_id == idea.id and not a.withdrawn]
            if used:
                raise ValidationError("This idea was taken up: a decision or an action "
                                      "answers it.", field="not_taken_up")
        return self._change(file, "ideas", idea, {"not_taken_up": reason})

    @verb
    def set_action_status(self, action_id: str, status: str, *, outcome: str = "",
                          reason: str = "", meeting: str | None = None) -> Action:
        """Done (saying what was done), not able (saying why) or open again; ``meeting``:
        the later session at which it was reported."""
        file = self._file()
        changes = action_rules.status_changes(status, outcome=outcome, reason=reason,
                                              meeting=meeting)
        return self._edit_action(file, self._live_action(file, action_id), changes, "")

    @verb
    def mark_told_back(self, action_id: str, at: str | None = None, *,
                       meeting: str | None = None) -> Action:
        """The group has been told the outcome (now, or at ``at``; ``meeting``: the
        session at which it was told)."""
        file = self._file()
        action = self._live_action(file, action_id)
        return self._edit_action(file, action,
                                 action_rules.told_back(action, at, meeting=meeting), "")

    @staticmethod
    def _live_action(file: SessionFile, action_id: str) -> Action:
        action = file.find("actions", action_id)
        if action.withdrawn:
            raise ValidationError("This action was withdrawn: there is nothing to follow up.",
                                  field="status")
        return action

    def _edit_action(self, file: SessionFile, old: Action, changes: dict[str, Any],
                     note: str) -> Action:
        return self._change(file, "actions", old,
                            {**changes, "updated_at": now()}, note=note)

    # -- comment cards and the 'I' statements check ------------------------------------------

    @verb
    def add_feedback(self, level: int, comment: str = "", person_id: str | None = None
                     ) -> Feedback:
        file = self._file()
        lifecycle.check_recording(file.session, "a comment card")
        card = Feedback(level=level, comment=comment, person_id=person_id)
        file.insert("feedback", card)
        return card

    @verb
    def remove_feedback(self, feedback_id: str) -> None:
        """Take out a card typed by mistake while the session runs (after it closed,
        a card is withdrawn instead, with the reason)."""
        file = self._file()
        if file.session.status == lifecycle.CLOSED:
            raise ValidationError("This session is closed, so its comment cards are kept: "
                                  "withdraw a card entered by mistake from the session's "
                                  "read-only page, saying why.", field="status")
        file.delete("feedback", file.find("feedback", feedback_id).id)

    @verb
    def set_audit(self, statement: int, answers: list[str], evidence: str = "",
                  will_change: str = "") -> AuditAnswer:
        """The check of one 'I' statement (a second check replaces the first)."""
        file = self._file()
        lifecycle.check_not_closed(file.session, "the 'I' statements check")
        answer = AuditAnswer(statement=statement, answers=answers, evidence=evidence,
                             will_change=will_change)
        old = next((a for a in file.rows("audit") if a.statement == statement), None)
        if old is None:
            file.insert("audit", answer)
            return answer
        return self._change(file, "audit", old, {"answers": answers, "evidence": evidence,
                                                 "will_change": will_change, "at": answer.at})
