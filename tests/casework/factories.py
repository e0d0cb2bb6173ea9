"""Factories and helpers for cases of the test kind (``tests.casework.testkind``)."""

import datetime

from casework.models import Case
from casework.services import case_create

from .testkind import TestFlow, register_test_kind

TEST_KIND = TestFlow.kind
register_test_flow = register_test_kind


def draft_case(
    *,
    organisation,
    filed_by,
    title: str = "Klauzule społeczne w zamówieniach",
    date_received: datetime.date | None = None,
    is_complex: bool = False,
) -> Case:
    return case_create(
        kind=TEST_KIND,
        title=title,
        requesting_organisation=organisation,
        filed_by=filed_by,
        date_received=date_received,
        is_complex=is_complex,
    )
