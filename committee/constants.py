from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import Choice, Majority, Outcome


class BodyKind(models.TextChoices):
    COMMITTEE = "committee", _("committee")
    THEMATIC_GROUP = "thematic_group", _("thematic group")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    ONLINE = "online", _("present online")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


#: Who is counted as present for quorum (in the room or online).
PRESENT_STATUSES = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.ONLINE})


class VoteChoice(models.TextChoices):
    FOR = Choice.FOR.value, _("for")
    AGAINST = Choice.AGAINST.value, _("against")
    ABSTAIN = Choice.ABSTAIN.value, _("abstain")


class MajorityRule(models.TextChoices):
    SIMPLE = Majority.SIMPLE.value, _("simple majority of those voting")
    ABSOLUTE_PRESENT = Majority.ABSOLUTE_PRESENT.value, _("absolute majority of those present")
    ABSOLUTE_MEMBERS = Majority.ABSOLUTE_MEMBERS.value, _("absolute majority of the members")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("awaiting the vote")
    PASSED = Outcome.PASSED.value, _("passed")
    REJECTED = Outcome.REJECTED.value, _("rejected")
    NO_QUORUM = Outcome.NO_QUORUM.value, _("no quorum")
    #: A free item that is discussed, not voted on.
    NOTED = "noted", _("discussed")


class ProcedureStatus(models.TextChoices):
    OPEN = "open", _("open for votes")
    PASSED = "passed", _("passed")
    FAILED = "failed", _("failed")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")


#: The default pattern of a resolution's number ("Uchwała nr 3/2026").
DEFAULT_RESOLUTION_PATTERN = "{seq}/{year}"
