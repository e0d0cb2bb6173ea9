"""The catalogue's tests reuse the practice tests' fixtures (a practice walked through the
transition service) for what must happen at publication."""

import pytest

from tests.practice.conftest import (  # noqa: F401 (fixtures)
    gmina,
    in_review,
    ngo,
    practice_case,
    run,
    score_all,
)


@pytest.fixture
def practice_published(in_review, advisor, committee_member):  # noqa: F811
    case = in_review
    score_all(case, advisor, 4)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    run(case, "approve", committee_member, version=case.practice.current_version.sha256)
    case.refresh_from_db()
    return case
