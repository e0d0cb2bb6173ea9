"""Rendering jobs: one version per job, however often or concurrently it is handed over;
a dead worker leaves nothing half-written, and tick completes its job."""

import datetime
import os
import threading
import time
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from documents import rendering, services
from documents.constants import RENDER_TOPIC, STORAGE_DIR, DocumentStatus
from documents.jobs import handle_render
from documents.models import Document
from documents.services import document_render, document_request
from workflows.models import OutboxRow
from workflows.outbox import outbox_run

from .factories import NoticeFactory


def stored_files() -> list[str]:
    try:
        return default_storage.listdir(STORAGE_DIR)[1]
    except FileNotFoundError:
        return []


def row_for(document):
    return SimpleNamespace(
        topic=RENDER_TOPIC, key=f"render:{document.job_key}", payload={"document_id": document.pk}
    )


def test_request_allocates_consecutive_versions_each_superseding_the_last(notice, issue):
    first = issue(notice)
    second = issue(notice)
    third = document_request(kind="notice", source=notice, actor=notice.created_by)
    assert [first.version, second.version, third.version] == [1, 2, 3]
    assert second.supersedes == first
    assert third.supersedes == second
    assert third.status == DocumentStatus.PENDING
    assert first.verification_code != second.verification_code


def test_request_with_the_same_key_returns_the_same_row(notice):
    a = document_request(kind="notice", source=notice, actor=None, key="k-1")
    b = document_request(kind="notice", source=notice, actor=None, key="k-1")
    assert a.pk == b.pk
    assert Document.objects.count() == 1


def test_same_job_handed_twice_yields_one_version_and_one_file(
    notice, django_capture_on_commit_callbacks
):
    document = document_request(kind="notice", source=notice, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        handle_render(row_for(document))
    with django_capture_on_commit_callbacks(execute=True):
        handle_render(row_for(document))
    assert Document.objects.count() == 1
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert len(stored_files()) == 1


def test_request_writes_one_outbox_job_which_renders_the_document(
    notice, django_capture_on_commit_callbacks
):
    document = document_request(kind="notice", source=notice, actor=None, key="job-1")
    document_request(kind="notice", source=notice, actor=None, key="job-1")
    rows = OutboxRow.objects.filter(topic=RENDER_TOPIC)
    assert rows.count() == 1
    row = rows.get()
    assert row.payload == {"document_id": document.pk}
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_run(row.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    # Handing the finished row over again does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert not outbox_run(row.pk)
    assert Document.objects.count() == 1
    assert len(stored_files()) == 1


def test_retry_after_success_creates_no_new_version(notice, issue):
    document = issue(notice)
    with pytest.raises(services.DocumentError):
        services.document_retry(document=document, actor=notice.created_by)
    assert document_render(document_id=document.pk) is None
    assert Document.objects.count() == 1
    assert len(stored_files()) == 1


def test_pending_document_has_no_file_until_rendered(notice):
    document = document_request(kind="notice", source=notice, actor=None)
    assert document.file.name == ""
    assert not Document.objects.ready().exists()


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, no except clause catches it."""


def test_killed_worker_leaves_no_row_pointing_at_a_partial_file_and_tick_completes(
    notice, monkeypatch
):
    document = document_request(kind="notice", source=notice, actor=None)

    class DyingStorage:
        """Writes half the file, then the worker dies."""

        def __getattr__(self, name):
            return getattr(default_storage, name)

        def save(self, name, content, **kwargs):
            data = content.read()
            default_storage.save(name, ContentFile(data[: len(data) // 2]))
            raise WorkerKilled

    monkeypatch.setattr(services, "default_storage", DyingStorage())
    with pytest.raises(WorkerKilled):
        document_render(document_id=document.pk)
    monkeypatch.undo()

    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    assert document.file.name == ""
    assert len(stored_files()) == 1  # the partial file: an orphan, no row points at it
    # Within the lease nobody takes the job over...
    call_command("tick")
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    # ...after it, tick renders it.
    Document.objects.filter(pk=document.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("tick")
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.attempts == 2
    with document.file.open("rb") as f:
        assert services.sha256_of(f) == document.sha256
    orphan = next(f for f in stored_files() if f"{STORAGE_DIR}/{f}" != document.file.name)
    old = time.time() - 2 * 3600
    os.utime(default_storage.path(f"{STORAGE_DIR}/{orphan}"), (old, old))
    call_command("tick")
    assert stored_files() == [document.file.name.split("/")[-1]]


def test_sweep_keeps_young_orphans_and_files_with_rows(notice, issue):
    document = issue(notice)
    default_storage.save(f"{STORAGE_DIR}/young.pdf", ContentFile(b"x"))
    assert services.documents_sweep_orphans() == 0
    assert sorted(stored_files()) == sorted(["young.pdf", document.file.name.split("/")[-1]])


def test_failure_is_recorded_and_a_retry_renders_the_same_version(notice, monkeypatch):
    document = document_request(kind="notice", source=notice, actor=None)

    def broken(html):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "renderer exploded" in document.error
    assert stored_files() == []
    monkeypatch.undo()

    services.document_retry(document=document, actor=None)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.version == 1
    assert Document.objects.count() == 1


def test_context_is_rebuilt_from_the_source_at_render_time(notice):
    document = document_request(kind="notice", source=notice, actor=None)
    notice.title = "Tytuł zmieniony po zleceniu — źdźbło"
    notice.save()
    document_render(document_id=document.pk)
    document.refresh_from_db()
    from .conftest import pdf_text

    with document.file.open("rb") as f:
        assert "Tytuł zmieniony po zleceniu — źdźbło" in pdf_text(f.read())


def _in_threads(n, target):
    barrier = threading.Barrier(n)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_same_job_handed_twice_concurrently_yields_one_version_and_one_file():
    notice = NoticeFactory()
    document = document_request(kind="notice", source=notice, actor=None)
    rendering.warm_up()
    errors = _in_threads(2, lambda: handle_render(row_for(document)))
    assert errors == []
    assert Document.objects.count() == 1
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert document.attempts == 1
    assert len(stored_files()) == 1


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_get_distinct_consecutive_versions():
    notice = NoticeFactory()
    errors = _in_threads(4, lambda: document_request(kind="notice", source=notice, actor=None))
    assert errors == []
    versions = sorted(Document.objects.of_source(notice).values_list("version", flat=True))
    assert versions == [1, 2, 3, 4]
