"""Notifications: written by the outbox handler, in-app and by e-mail in the recipient's language.

Delivery is at-least-once: the in-app row is keyed by the outbox row's key (so a retry finds
it), and the e-mail is sent only while ``emailed_at`` is empty, in the same transaction that
marks the outbox row done. Only a crash between sending and committing can send twice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from workflows.models import OutboxRow

from .models import Case, CaseComment, Notification
from .notification_subjects import notification_subject


def notification_deliver(row: OutboxRow) -> None:
    """Outbox handler: store the notification, then e-mail it once."""
    payload = row.payload
    recipient = get_user_model().objects.filter(pk=payload["recipient_id"]).first()
    if recipient is None or not recipient.is_active or recipient.erased_at:
        return
    case = Case.objects.filter(pk=payload.get("case_id")).first()
    comment_id = payload.get("comment_id")
    if comment_id and not CaseComment.objects.filter(pk=comment_id).exists():
        comment_id = None
    notification, _created = Notification.objects.get_or_create(
        key=row.key,
        defaults={
            "recipient": recipient,
            "case": case,
            "verb": payload["verb"],
            "comment_id": comment_id,
        },
    )
    if notification.emailed_at is not None or not recipient.email:
        return
    with translation.override(recipient.preferred_language):
        subject = notification_subject(notification.verb, case)
        body = render_to_string(
            "casework/email/notification.txt",
            {
                "recipient": recipient,
                "case": case,
                "subject": subject,
                "details": notification.details,
                "site_name": settings.ESFLOW_SITE_NAME,
                "base_url": settings.ESFLOW_BASE_URL,
            },
        )
    send_mail(subject, body, None, [recipient.email])
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
