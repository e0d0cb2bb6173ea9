"""The committee's rules of procedure (regulamin) as pure functions: quorum and majorities.

Nothing here reads the database: the services count seats and votes, these functions decide.
Keeping the arithmetic apart lets one literal table (tests/committee/test_rules.py) pin the
rules down, and lets the meeting, the circular procedure and the minutes agree on one answer.

The rules (DOMAIN.md, "Committee, signing and events vocabulary"):

- Only members with a vote count: the chair, vice-chairs, the secretary and members.
  Observers are present without a vote and never count for quorum or majority.
- A member recused from an item (a conflict of interest, automatic or declared) neither votes
  on it nor counts for its quorum: the item's quorum is taken over the members who may vote
  on it, so recusals lower it.
- Quorum: at least ``quorum`` (by default one half) of the members who may vote on the item
  are present (in the room or online).
- Majorities: simple (more for than against, of those voting), absolute of those present
  (more than half of those present vote for) or absolute of the members (more than half of
  the members who may vote on the item vote for). Abstentions count as present, never for.
- The chair's casting vote: on a tie (as many for as against, at least one each), the side the
  chair voted on wins. For an absolute majority it only tips an exact half into a majority
  (the tie must leave no abstention); a chair who abstained, is recused or is absent casts no
  deciding vote, and the motion then fails.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


class Choice(enum.StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Majority(enum.StrEnum):
    #: More for than against, of those voting (abstentions do not count either way).
    SIMPLE = "simple"
    #: More than half of the members present (who may vote on the item) vote for.
    ABSOLUTE_PRESENT = "absolute_present"
    #: More than half of the members with a vote (not recused from the item) vote for.
    ABSOLUTE_MEMBERS = "absolute_members"


class Outcome(enum.StrEnum):
    PASSED = "passed"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


#: At least half of the members with a vote (the usual regulamin).
DEFAULT_QUORUM = Fraction(1, 2)


@dataclass(frozen=True)
class Seat:
    """One person's situation on one item, as the services count it.

    ``votes``: a member with a vote (False for an observer). ``present``: in the room or online
    (the circular procedure counts everyone as able to vote). ``choice``: how they voted
    (None: did not vote).
    """

    votes: bool = True
    present: bool = True
    recused: bool = False
    chair: bool = False
    choice: Choice | None = None


@dataclass(frozen=True)
class Count:
    """The numbers an item is decided on (each member counted once)."""

    #: Members with a vote who may vote on the item (recused ones left out).
    eligible: int
    #: Of those, present.
    present: int
    recused: int
    votes_for: int
    votes_against: int
    abstentions: int
    #: How the chair voted on the item (None: absent, recused, an observer or did not vote).
    chair_choice: Choice | None = None

    def __post_init__(self):
        voted = self.votes_for + self.votes_against + self.abstentions
        if min(self.eligible, self.present, self.recused, voted) < 0:
            raise ValueError("Counts cannot be negative.")
        if self.present > self.eligible or voted > self.present:
            raise ValueError("More present than members, or more votes than present.")


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    quorum_met: bool
    #: The chair's vote decided a tie.
    casting_vote: bool
    count: Count

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.PASSED


def count_seats(seats: Iterable[Seat]) -> Count:
    """Turn the seats of one item into its count: observers and recused members left out."""
    eligible = present = recused = votes_for = against = abstain = 0
    chair_choice = None
    for seat in seats:
        if not seat.votes:
            continue
        if seat.recused:
            recused += 1
            continue
        eligible += 1
        if not seat.present:
            continue
        present += 1
        if seat.choice == Choice.FOR:
            votes_for += 1
        elif seat.choice == Choice.AGAINST:
            against += 1
        elif seat.choice == Choice.ABSTAIN:
            abstain += 1
        if seat.chair and seat.choice is not None:
            chair_choice = Choice(seat.choice)
    return Count(eligible, present, recused, votes_for, against, abstain, chair_choice)


def quorum_needed(eligible: int, quorum: Fraction = DEFAULT_QUORUM) -> int:
    """The least number present for a quorum: ``quorum`` of ``eligible``, rounded up (and
    never less than one, so an item nobody may vote on is never decided)."""
    needed = -((-eligible * quorum.numerator) // quorum.denominator)
    return max(needed, 1)


def quorum_met(count: Count, quorum: Fraction = DEFAULT_QUORUM) -> bool:
    return count.eligible > 0 and count.present >= quorum_needed(count.eligible, quorum)


def decide(
    count: Count,
    majority: Majority = Majority.SIMPLE,
    *,
    quorum: Fraction | None = DEFAULT_QUORUM,
) -> Decision:
    """The outcome of an item. ``quorum=None``: no quorum (the circular procedure, where every
    member may vote in writing and the absolute majority of members is what counts)."""
    has_quorum = True if quorum is None else quorum_met(count, quorum)
    if quorum is None and count.eligible == 0:
        has_quorum = False
    if not has_quorum:
        return Decision(Outcome.NO_QUORUM, False, False, count)
    yes, no = count.votes_for, count.votes_against
    base = {
        Majority.SIMPLE: None,
        Majority.ABSOLUTE_PRESENT: count.present,
        Majority.ABSOLUTE_MEMBERS: count.eligible,
    }[Majority(majority)]
    if base is None:
        passed = yes > no
        tie = yes == no and yes > 0
    else:
        passed = 2 * yes > base
        tie = yes == no and yes > 0 and 2 * yes == base
    casting = False
    if not passed and tie and count.chair_choice in (Choice.FOR, Choice.AGAINST):
        casting = True
        passed = count.chair_choice == Choice.FOR
    return Decision(Outcome.PASSED if passed else Outcome.REJECTED, True, casting, count)


def decide_seats(
    seats: Iterable[Seat],
    majority: Majority = Majority.SIMPLE,
    *,
    quorum: Fraction | None = DEFAULT_QUORUM,
) -> Decision:
    return decide(count_seats(seats), majority, quorum=quorum)
