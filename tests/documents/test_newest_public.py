"""``Document.objects.newest_public``: the one rule the portal and the open data use to link a
resolution's, minutes', agreement's or practice's PDF — the newest ready public version."""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType

from documents.constants import DocumentStatus
from documents.models import Document, Notice
from tests.documents.factories import NoticeFactory

pytestmark = pytest.mark.django_db

codes = itertools.count(1)


def issue(source, version, *, kind="notice", status=DocumentStatus.READY, public=True):
    n = next(codes)
    ready = status == DocumentStatus.READY
    # A ready row has its file, hash and size (a constraint): the file itself is not read here.
    filed = {"file": f"documents/test-{n}.pdf", "sha256": "0" * 64, "size": 1} if ready else {}
    return Document.objects.create(
        kind=kind, source_type=ContentType.objects.get_for_model(Notice), source_id=source.pk,
        version=version, status=status, is_public=public, job_key=f"test:{n}",
        verification_code=f"TEST{n:08d}", template_name="test.html", **filed,
    )  # fmt: skip


def test_the_newest_ready_public_version_of_each_source(django_assert_num_queries):
    a, b, c, d = NoticeFactory.create_batch(4)
    issue(a, 1)
    a2 = issue(a, 2)
    b1 = issue(b, 1)
    issue(b, 2, status=DocumentStatus.PENDING)  # being generated: b's first stays linked
    issue(c, 1, public=False)  # not public: nothing for c
    issue(d, 1, kind="other")  # another kind: nothing for d
    with django_assert_num_queries(1):  # the content type is cached (issue() looked it up)
        found = Document.objects.newest_public(Notice, [a.pk, b.pk, c.pk, d.pk], "notice")
    assert found == {a.pk: a2, b.pk: b1}


def test_no_sources_no_documents():
    assert Document.objects.newest_public(Notice, [], "notice") == {}
    assert Document.objects.newest_public(Notice, [None], "notice") == {}
