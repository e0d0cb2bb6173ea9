from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents.models import Document
from documents.registry import UnknownDocumentKind, get_document_kind
from documents.services import document_render, document_request


class Command(BaseCommand):
    help = (
        "Issue a new version of every document of a kind, rebuilt from its source "
        "(after a template change). Jobs go to the outbox; --now renders them here."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="The document kind, e.g. notice.")
        parser.add_argument("--now", action="store_true", help="Render in this process.")

    def handle(self, *args, kind, now=False, **options):
        try:
            get_document_kind(kind)
        except UnknownDocumentKind as exc:
            raise CommandError(str(exc)) from exc
        latest: dict[tuple[int, int], Document] = {}
        for document in Document.objects.ready().filter(kind=kind).order_by("version"):
            latest[(document.source_type_id, document.source_id)] = document
        issued = []
        for document in latest.values():
            source = document.source
            if source is None:
                self.stderr.write(f"{document.number}: the source no longer exists, skipped")
                continue
            with transaction.atomic():
                new = document_request(
                    kind=kind, source=source, actor=None, public=document.is_public
                )
            issued.append(new)
            self.stdout.write(f"{document.number} v{document.version} -> v{new.version}")
        if now:
            for new in issued:
                document_render(document_id=new.pk)
        self.stdout.write(f"{len(issued)} new version(s) of {kind} requested")
