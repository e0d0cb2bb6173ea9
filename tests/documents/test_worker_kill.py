"""A real worker process killed (SIGKILL) in the middle of a render leaves nothing
half-written behind, and tick completes the job."""

import datetime
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from documents.constants import DocumentStatus
from documents.models import Document
from documents.services import document_request, sha256_of

from .factories import NoticeFactory

WORKER = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    django.setup()
    from documents import rendering, services

    real = rendering.render_pdf

    def render_then_hang(html):
        pdf = real(html)
        print("rendered", flush=True)
        time.sleep(120)
        return pdf

    rendering.render_pdf = render_then_hang
    services.document_render(document_id=int(sys.argv[1]))
    """
)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{db.get('USER') or 'postgres'}@{host}:{port}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_render_leaves_a_pending_row_and_tick_completes_it(media_root, tmp_path):
    notice = NoticeFactory()
    document = document_request(kind="notice", source=notice, actor=None)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(media_root),
        "PYTHONUNBUFFERED": "1",
    }
    errors = tmp_path / "worker.err"
    with errors.open("w") as stderr:
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(document.pk)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    rendered = False
    try:
        for line in worker.stdout:
            if line.strip() == "rendered":
                rendered = True
                break
        worker.kill()
    finally:
        worker.wait(timeout=30)
        worker.stdout.close()
    assert rendered, errors.read_text()

    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    assert document.file.name == ""
    assert document.lease_until is not None  # the dead worker's claim
    assert not Document.objects.ready().exists()

    Document.objects.filter(pk=document.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("tick")
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    with document.file.open("rb") as f:
        assert sha256_of(f) == document.sha256
