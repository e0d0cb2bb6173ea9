"""Freezing and approving versions (``casework.models.FrozenVersion``), for every kind."""

from typing import Any

from django.utils import timezone

from directory.roles import committee_membership_of


def version_freeze(*, owner, model, sent_by: Any, editors=(), **content):
    """Freeze ``content`` as the next numbered, hashed version of ``owner`` (a kind's detail
    row), called inside the transition that sends it for approval. Drafters are the sender
    and every editor of the draft."""
    field = model.owner_field
    number = model.objects.filter(**{field: owner}).count() + 1
    version = model.objects.create(
        **{field: owner},
        number=number,
        sha256=model.fingerprint_of({name: content.get(name, "") for name in model.content_fields}),
        sent_by=sent_by,
        **content,
    )
    version.drafters.set({sent_by, *editors})
    return version


def version_approve(*, version, actor: Any, resolution: str | None = None):
    """Record the approval of ``version`` by ``actor`` under their committee membership, or
    (``resolution``: its number) by the system actor under a resolution of the committee."""
    membership = None if resolution else committee_membership_of(actor)
    version.approved_by = actor
    version.approved_at = timezone.now()
    version.approved_under = membership
    version.approved_by_resolution = resolution or ""
    version.save(
        update_fields=["approved_by", "approved_at", "approved_under", "approved_by_resolution"]
    )
    return membership
