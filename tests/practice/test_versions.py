"""The frozen practice version: its fingerprint covers the text and the review (scores,
justifications, average), and later edits of either change nothing frozen."""

import pytest

from casework.kinds.practice.models import PracticeVersion

from .conftest import run, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(in_review, advisor):
    score_all(in_review, advisor, 4)
    run(in_review, "submit_for_approval", advisor)
    in_review.refresh_from_db()
    return in_review.practice.current_version


def test_the_fingerprint_is_of_the_stored_content(version):
    assert version.fingerprint_matches()
    assert version.sha256 == PracticeVersion.fingerprint_of(version.content())
    assert version.scores[0]["justification"].startswith("Uzasadnienie")


@pytest.mark.parametrize(
    "change",
    [
        lambda v: v.scores[0].update(score=5),
        lambda v: v.scores[1].update(justification="Inne uzasadnienie"),
        lambda v: setattr(v, "average", v.average + 1),
        lambda v: setattr(v, "solution", v.solution + " (zmienione)"),
        lambda v: setattr(v, "gminas", ""),
    ],
    ids=["score", "justification", "average", "text", "place"],
)
def test_changing_a_score_or_the_text_breaks_the_fingerprint(version, change):
    change(version)
    assert not version.fingerprint_matches()


def test_rescoring_or_editing_later_leaves_the_frozen_version_alone(version, in_review, advisor):
    practice = in_review.practice
    practice.scores.update(score=1)
    practice.solution = "Zupełnie inne rozwiązanie"
    practice.save()
    version.refresh_from_db()
    assert {row["score"] for row in version.scores} == {4}
    assert version.fingerprint_matches()


def test_the_same_content_gives_the_same_fingerprint_whatever_the_line_ends(version):
    content = version.content()
    content["solution"] = content["solution"].replace("\n", "\r\n") + "  "
    assert PracticeVersion.fingerprint_of(content) == version.sha256
