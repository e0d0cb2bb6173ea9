"""The flow base: a ``viewflow.fsm`` state machine that wraps one case.

A case kind declares its flow like this (see ``casework/flows/testing.py``)::

    class ReviewFlow(Flow):
        kind = "review"
        state = State(Status, default=Status.DRAFT)
        numbering = NumberingConfig(prefix="REV", jrwa="8120", retention="A")
        deadline_policy = DeadlinePolicy(days=30, complex_days=60)

        @action(state, source=Status.DRAFT, target=Status.SUBMITTED, label=_("Submit"),
                allowed=is_requester, guards=[title_given], form=SubmitForm,
                confirm=_("Submit the request?"), clock=Clock.START)
        def submit(self):
            self.assign_number()

The service (``workflows.services.transition_apply``) is the only caller of these methods.
"""

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from django.db import models
from viewflow.fsm import State, Transition
from viewflow.fsm.base import TransitionMethod
from viewflow.utils import DEFAULT

from .deadlines import DeadlinePolicy
from .numbering import NumberingConfig, number_allocate

NOTIFY_TOPIC = "workflows.notify"


class Clock(enum.StrEnum):
    """What a transition does to the case's deadline clock."""

    START = "start"  # copy the policy onto the case, compute the due date
    PAUSE = "pause"  # store the state to resume, open a pause interval, clear the due date
    RESUME = "resume"  # close the pause, recompute the due date, back to the stored state
    STOP = "stop"  # the case is finished: no due date any more
    EXTEND = "extend"  # add ``data["days"]`` with ``data["reason"]``; the requester is told


def action(
    state: State,
    *,
    source: Any,
    target: Any = DEFAULT,
    label: Any,
    done: Any = "",
    allowed: Callable[["Flow", Any], bool],
    guards: Sequence[Callable[["Flow"], Any]] = (),
    form: type | None = None,
    confirm: Any = "",
    clock: Clock | None = None,
    files: bool = False,
    irreversible: bool = False,
) -> Callable:
    """Declare a transition: source(s), target, who may run it, guards, form, label, confirm;
    ``files``: its form may carry attachments (e.g. an answer); ``irreversible``: nothing
    undoes it (a withdrawal, a decision, an issued document), so the case page asks the user
    to confirm it on a page of its own before it runs, and only then says it cannot be undone.
    ``confirm`` says what the transition will do (its consequence).

    ``label`` names the button ("Approve"); ``done`` says in the past tense what happened, for
    the case's history ("Opinion approved"; in Polish an impersonal "Zatwierdzono opinię", so
    it agrees with any actor). Declared here, beside the label, so every kind's history
    reads as events, not as buttons; without it the history falls back to the label."""
    return state.transition(
        source=source,
        target=target,
        label=label,
        conditions=list(guards),
        permission=allowed,
        custom={
            "form": form,
            "confirm": confirm,
            "clock": clock,
            "files": files,
            "irreversible": irreversible,
            "done": done,
        },
    )


def resume_target(states: Iterable[Any]) -> State.GET_STATE:
    """The target of a resume: the state stored when the case was paused."""
    return State.GET_STATE(lambda flow, *a, **kw: flow.case.resume_status, states=list(states))


class Flow:
    """Wraps one case for one actor; transitions are methods declared with ``action``."""

    kind: ClassVar[str]
    state: ClassVar[State]
    #: The TextChoices of the states, for their labels.
    statuses: ClassVar[type[models.TextChoices]]
    numbering: ClassVar[NumberingConfig]
    deadline_policy: ClassVar[DeadlinePolicy | None] = None
    #: Where the engine writes: concrete subclasses of the abstract models, FK named ``case``.
    event_model: ClassVar[type[models.Model]]
    pause_model: ClassVar[type[models.Model] | None] = None
    extension_model: ClassVar[type[models.Model] | None] = None
    #: States in which the committee sees the case ("in or past approval").
    committee_states: ClassVar[frozenset[str]] = frozenset()
    #: Automatic transitions tick tries on every case in their source state (run as system).
    automatic: ClassVar[tuple[str, ...]] = ()

    #: The state a new case starts in (taken from ``State(..., default=...)``).
    initial: ClassVar[str]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        state = cls.__dict__.get("state")
        if isinstance(state, State):
            cls.initial = state._default
            state.getter()(lambda flow: flow.case.status)
            state.setter()(lambda flow, value: setattr(flow.case, "status", value))

    def __init__(self, case: models.Model, *, actor: Any = None, data: dict | None = None):
        self.case = case
        self.actor = actor
        self.data: dict = dict(data or {})
        #: Reference data for the event this transition writes (ids, dates, codes only).
        self.event_data: dict = {}
        #: (topic, key suffix, payload) — written as outbox rows with the event.
        self.side_effects: list[tuple[str, str, dict]] = []
        #: Why a permission predicate refused the actor, when it can say more than "not
        #: allowed" (e.g. recusal); the service shows it instead of the generic refusal.
        self.refusal_reason: Any = ""

    # Introspection ----------------------------------------------------------------------

    @classmethod
    def status_label(cls, value: str) -> str:
        try:
            return str(cls.statuses(value).label)
        except (AttributeError, ValueError):
            return value

    @classmethod
    def done_label(cls, name: str) -> str:
        """What transition ``name`` did, in the past tense (its ``done``), for the history;
        its button label when it declares none, its name when it is not a transition."""
        method = getattr(cls, name, None)
        if not isinstance(method, TransitionMethod):
            return name
        for transition in method.get_transitions():
            return str(transition.custom.get("done") or transition.label)
        return name

    @classmethod
    def transition_names(cls) -> list[str]:
        return sorted(
            name for name in dir(cls) if isinstance(getattr(cls, name, None), TransitionMethod)
        )

    def transition_for(self, name: str) -> Transition | None:
        """The declared transition ``name`` from the current state, or None."""
        method = getattr(type(self), name, None)
        if not isinstance(method, TransitionMethod):
            return None
        current = self.case.status
        found = None
        for transition in method.get_transitions():
            if transition.source == current:
                return transition
            if transition.source is State.ANY:
                found = transition
        return found

    def allowed_now(self, name: str, user: Any) -> bool:
        """May ``user`` run ``name`` now (state + role + relation + guards)?"""
        transition = self.transition_for(name)
        return bool(
            transition and transition.has_perm(self, user) and transition.conditions_met(self)
        )

    def available_actions(self, user: Any) -> list[Transition]:
        """Transitions the user may run now, for the case page's buttons."""
        return sorted(
            (
                t
                for name in self.transition_names()
                if (t := self.transition_for(name))
                and t.has_perm(self, user)
                and t.conditions_met(self)
            ),
            key=lambda t: t.slug,
        )

    def transition_done(self, name: str, old_status: str) -> None:
        """Called by the service after transition ``name`` ran (body and clock), before its
        writes: side effects that every transition of a family of flows shares are added
        here (``self.outbox``). The base adds none."""

    # Helpers for transition bodies ---------------------------------------------------------

    def assign_number(self) -> None:
        """Give the case its number (once)."""
        case = self.case
        if case.number_seq:
            return
        config = self.numbering.for_kind(self.kind)
        year, seq = number_allocate(kind=self.kind)
        case.number_year, case.number_seq = year, seq
        case.number = config.format(year=year, seq=seq)
        self.event_data["number"] = case.number

    def notify(self, recipients: Iterable[Any], verb: str) -> None:
        """Tell users about this transition (in-app and e-mail, through the outbox)."""
        for user in recipients:
            self.side_effects.append(
                (
                    NOTIFY_TOPIC,
                    f"{verb}:{user.pk}",
                    {"case_id": self.case.pk, "recipient_id": user.pk, "verb": verb},
                )
            )

    def outbox(self, topic: str, key_suffix: str, payload: dict) -> None:
        """Any other side effect (e.g. a document job) written with the event."""
        self.side_effects.append((topic, key_suffix, payload))

    def requester_users(self) -> list[Any]:
        """Whom to tell about the case (the requesting side); kinds override."""
        return []
