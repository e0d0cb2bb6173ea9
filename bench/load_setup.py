"""Prepare a load test against the benchmark database: sessions, targets, one ready PDF.

    DATABASE_URL=… DJANGO_SECRET_KEY=… .venv/bin/python bench/load_setup.py var/load.json

Writes the logged-in session cookies (advisors, one coordinator), a CSRF secret, case ids,
public profile ids, a document id and the approved cases the documents run publishes (each
once: scripts/loadtest.sh gives every run its own slice) to the JSON file the locustfile
reads.
"""

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from accounts.models import User  # noqa: E402
from casework.kinds.advisory.constants import AdvisoryStatus  # noqa: E402
from casework.kinds.advisory.models import OpinionVersion  # noqa: E402
from casework.models import Case  # noqa: E402
from directory.models import RegistryEntry  # noqa: E402

#: Enough approved cases for every run of scripts/loadtest.sh (its slices are 150 apart).
PUBLISH_CASES = 600


def session_of(user) -> str:
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value


def ready_document(actor) -> int | None:
    """Render the opinion PDF of one published case in-process (the download target)."""
    from casework.kinds.advisory.services import opinion_document_request
    from documents.services import document_render

    version = OpinionVersion.objects.filter(advisory__case__status=AdvisoryStatus.PUBLISHED).first()
    try:
        with transaction.atomic():
            document = opinion_document_request(version=version, actor=actor, public=False)
        document_render(document_id=document.pk)
        document.refresh_from_db()
    except Exception as exc:
        print(f"no document: {exc!r}")
        return None
    return document.pk if document.status == "ready" else None


def main(path: str) -> None:
    advisors = list(User.objects.filter(email__startswith="advisor").order_by("pk")[:8])
    coordinator = User.objects.get(email="coordinator0@bench.invalid")
    visible = Case.objects.exclude(status=AdvisoryStatus.DRAFT)
    in_review = visible.filter(status=AdvisoryStatus.IN_REVIEW).order_by("pk")
    movable = list(in_review.values_list("pk", flat=True)[:200])
    approved = visible.filter(status=AdvisoryStatus.APPROVED).order_by("pk")
    data = {
        "advisor_sessions": [session_of(u) for u in advisors],
        "coordinator_session": session_of(coordinator),
        "csrf": secrets.token_hex(16),  # a 32-character secret, sent as cookie and field
        "case_ids": list(visible.order_by("?").values_list("pk", flat=True)[:500]),
        "transition_cases": movable,
        "assignees": [u.pk for u in advisors[:2]],
        "profile_ids": list(
            RegistryEntry.objects.public().order_by("?").values_list("pk", flat=True)[:500]
        ),
        "document_id": ready_document(coordinator),
        "publish_cases": list(approved.values_list("pk", flat=True)[:PUBLISH_CASES]),
    }
    Path(path).write_text(json.dumps(data), encoding="utf-8")
    print(
        f"written {path}: document {data['document_id']}, "
        f"{len(data['publish_cases'])} approved cases to publish"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/load.json")
