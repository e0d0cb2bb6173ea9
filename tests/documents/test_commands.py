"""Management commands: re-render a kind as new versions; check stored files."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from documents.constants import DocumentStatus
from documents.models import Document

from .factories import NoticeFactory


def test_rerender_issues_a_new_version_of_each_source_and_keeps_the_old(db, issue):
    a, b = NoticeFactory(), NoticeFactory()
    old_a = issue(a)
    issue(b, public=True)
    call_command("documents_rerender", "notice", "--now")
    assert Document.objects.count() == 4
    new_a = Document.objects.of_source(a).get(version=2)
    assert new_a.status == DocumentStatus.READY
    assert new_a.supersedes == old_a
    assert new_a.sha256 != old_a.sha256
    assert Document.objects.of_source(b).get(version=2).is_public
    old_a.refresh_from_db()
    assert old_a.status == DocumentStatus.READY
    assert default_storage.exists(old_a.file.name)


def test_rerender_without_now_queues_pending_versions(db, issue):
    issue(NoticeFactory())
    call_command("documents_rerender", "notice")
    assert Document.objects.filter(status=DocumentStatus.PENDING, version=2).count() == 1


def test_rerender_of_an_unknown_kind_fails(db):
    with pytest.raises(CommandError, match="no-such-kind"):
        call_command("documents_rerender", "no-such-kind")


def test_check_files_passes_when_every_file_matches(db, issue, capsys):
    issue(NoticeFactory())
    call_command("documents_check_files")
    assert "1 file(s) checked, 0 problem(s)" in capsys.readouterr().out


def test_check_files_reports_changed_and_missing_files_and_fails(db, issue, capsys):
    changed = issue(NoticeFactory())
    missing = issue(NoticeFactory())
    path = default_storage.path(changed.file.name)
    content = bytearray(open(path, "rb").read())  # noqa: SIM115
    content[100] ^= 0x01
    with open(path, "wb") as f:
        f.write(content)
    default_storage.delete(missing.file.name)
    with pytest.raises(CommandError, match="2 document file"):
        call_command("documents_check_files")
    err = capsys.readouterr().err
    assert f"mismatch: {changed.number}" in err
    assert f"missing: {missing.number}" in err
