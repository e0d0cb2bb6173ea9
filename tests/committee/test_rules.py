"""The regulamin's arithmetic against a literal table (issue 17, must-hold 1)."""

from fractions import Fraction

import pytest

from committee.rules import (
    Choice,
    Count,
    Majority,
    Outcome,
    Seat,
    count_seats,
    decide,
    decide_seats,
    quorum_needed,
)

F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN
S, AP, AM = Majority.SIMPLE, Majority.ABSOLUTE_PRESENT, Majority.ABSOLUTE_MEMBERS
PASS, FAIL, NOQ = Outcome.PASSED, Outcome.REJECTED, Outcome.NO_QUORUM


def seats(spec: str) -> list[Seat]:
    """One letter per person: f/a/x voted for/against/abstained, p present without voting,
    o absent, r recused (present), O an observer who "voted" for (ignored); an upper-case
    F/A/X/P is the chair."""
    out = []
    for letter in spec:
        chair = letter in "FAXP"
        low = letter.lower() if letter != "O" else "O"
        if low == "O":
            out.append(Seat(votes=False, choice=F))
        elif low == "o":
            out.append(Seat(present=False))
        elif low == "r":
            out.append(Seat(recused=True))
        elif low == "p":
            out.append(Seat(chair=chair))
        else:
            out.append(Seat(chair=chair, choice={"f": F, "a": A, "x": X}[low]))
    return out


# (seats, majority, outcome, casting vote used, why)
TABLE = [
    ("fffaa", S, PASS, False, "3:2 simple majority"),
    ("ffaa", S, FAIL, False, "2:2 tie, the chair absent from the votes"),
    ("Ffaa", S, PASS, True, "2:2 tie, the chair voted for: casting vote"),
    ("ffAa", S, FAIL, True, "2:2 tie, the chair voted against: casting vote rejects"),
    ("ffaaX", S, FAIL, False, "2:2 tie, the chair abstained: no casting vote"),
    ("ffaaP", S, FAIL, False, "2:2 tie, the chair present but did not vote"),
    ("fxxxx", S, PASS, False, "abstentions do not count against a simple majority"),
    ("xxxx", S, FAIL, False, "all abstain: 0:0 is no majority"),
    ("fooo", S, NOQ, False, "1 of 4 present: no quorum"),
    ("ffoo", S, PASS, False, "2 of 4 present: exactly half is a quorum"),
    ("ffooo", S, NOQ, False, "2 of 5 present: below half"),
    ("ffrrooo", S, NOQ, False, "2 recused, 2 of 5 eligible present: no quorum"),
    ("ffrrroo", S, PASS, False, "3 recused lower the quorum: 2 of 4 eligible present"),
    ("rrrr", S, NOQ, False, "everyone recused: nobody may decide"),
    ("ffOOOooo", S, NOQ, False, "observers do not make a quorum"),
    ("faOOO", S, FAIL, False, "observers' votes are not counted: 1:1"),
    ("fffxx", AP, PASS, False, "3 of 5 present for: absolute majority of those present"),
    ("ffxxa", AP, FAIL, False, "2 of 5 present for: more for than against, not absolute"),
    ("Ffaa", AP, PASS, True, "2:2 of 4 present, chair for: casting vote tips the half"),
    ("Ffaax", AP, FAIL, False, "2:2 with an abstention: no exact half, the chair cannot tip"),
    ("fffoo", AM, PASS, False, "3 of 5 members for"),
    ("ffxoo", AM, FAIL, False, "2 of 5 members: a simple majority, not of the members"),
    ("ffffooo", AM, PASS, False, "4 of 7 members"),
    ("fffaoo", AM, FAIL, False, "3 of 6 members: exactly half is not more than half"),
    ("Fffaaa", AM, PASS, True, "3:3 of 6 members, the chair for"),
    ("fffrro", AM, PASS, False, "recused members leave the base: 3 of 4"),
    ("ffrOOoo", AM, FAIL, False, "observers are not members: 2 of 4 is not more than half"),
]


@pytest.mark.parametrize(("spec", "majority", "outcome", "casting", "why"), TABLE)
def test_rules_table(spec, majority, outcome, casting, why):
    decision = decide_seats(seats(spec), majority)
    assert (decision.outcome, decision.casting_vote) == (outcome, casting), why


def test_count_leaves_out_observers_and_recused():
    count = count_seats(seats("FfaxrOo"))
    assert count == Count(
        eligible=5,
        present=4,
        recused=1,
        votes_for=2,
        votes_against=1,
        abstentions=1,
        chair_choice=F,
    )


@pytest.mark.parametrize(
    ("eligible", "quorum", "needed"),
    [
        (1, Fraction(1, 2), 1),
        (4, Fraction(1, 2), 2),
        (5, Fraction(1, 2), 3),
        (9, Fraction(2, 3), 6),
        (10, Fraction(2, 3), 7),
        (0, Fraction(1, 2), 1),
    ],
)
def test_quorum_needed(eligible, quorum, needed):
    assert quorum_needed(eligible, quorum) == needed


def test_a_higher_quorum_fraction():
    assert decide_seats(seats("ffxoo"), S, quorum=Fraction(2, 3)).outcome == NOQ
    assert decide_seats(seats("ffxao"), S, quorum=Fraction(2, 3)).outcome == PASS


def test_circular_procedure_has_no_quorum_but_needs_members():
    """In writing nobody is 'present': the absolute majority of members decides alone."""
    assert decide_seats(seats("ffoooo"), AM, quorum=None).outcome == FAIL
    assert decide_seats(seats("fffoo"), AM, quorum=None).outcome == PASS
    assert decide_seats(seats("rr"), AM, quorum=None).outcome == NOQ


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError, match="More"):
        Count(eligible=2, present=3, recused=0, votes_for=0, votes_against=0, abstentions=0)
    with pytest.raises(ValueError, match="More"):
        decide(Count(eligible=3, present=1, recused=0, votes_for=1, votes_against=1, abstentions=0))
