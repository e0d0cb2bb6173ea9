"""The committee (RKRES) and its thematic groups: meetings, votes, resolutions, minutes.

Who sits in a body is **not** a second membership table: a body is an ``Organisation`` of the
directory (the committee already is one, with dated memberships), and its members are that
organisation's ``directory.Membership`` rows, whose role says chair, vice-chair, secretary,
member or observer. So the committee's rights (``directory.roles``), recusal
(``casework.permissions.RECUSED``) and the approval record (``approved_under``) keep reading
the one table they read today, and a term is just the dates of those memberships. ``Body``
adds what only a body has: its kind, its parent, its term, its composition and its rules.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import (
    DEFAULT_RESOLUTION_PATTERN,
    AttendanceStatus,
    BodyKind,
    ItemStatus,
    MajorityRule,
    MeetingStatus,
    MinutesStatus,
    ProcedureStatus,
    VoteChoice,
)


class Body(models.Model):
    """The committee or one of its thematic groups, over its directory organisation."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="body",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    description = models.TextField(_("description"), blank=True)
    #: Kinds of institution (``OrganisationKind`` values) the body is composed of.
    composition = models.JSONField(_("composition by kind of institution"), default=list)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of the members with a vote)"), default=50
    )
    majority = models.CharField(
        _("majority of a meeting vote"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.SIMPLE,
    )
    circular_majority = models.CharField(
        _("majority of a circular procedure"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.ABSOLUTE_MEMBERS,
    )
    resolution_pattern = models.CharField(
        _("resolution number pattern"),
        max_length=60,
        default=DEFAULT_RESOLUTION_PATTERN,
        help_text=_('"{seq}" is the number in the year, "{year}" the year, e.g. "{seq}/{year}".'),
    )
    is_public = models.BooleanField(_("listed on the portal"), default=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="body_term_in_order",
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=100),
                name="body_quorum_percent_range",
            ),
        ]

    def __str__(self):
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="meeting_has_place_or_link"
            ),
        ]

    def __str__(self):
        return self.title


class CircularProcedure(models.Model):
    """Tryb obiegowy: a draft resolution put to every member in writing, until a deadline."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="procedures"
    )
    title = models.CharField(_("title"), max_length=200)
    draft = models.TextField(_("draft resolution"))
    deadline = models.DateTimeField(_("deadline for votes"))
    majority = models.CharField(_("majority"), max_length=20, choices=MajorityRule.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.OPEN,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("circular procedure")
        verbose_name_plural = _("circular procedures")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """One point of a meeting's agenda, or the matter of a circular procedure: a case awaiting
    the body's decision, or a free item (a recommendation, a report, a position)."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
    )
    procedure = models.ForeignKey(
        CircularProcedure,
        verbose_name=_("circular procedure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    #: The fingerprint of the case's version in approval when it was put to the body: the
    #: resolution approves that version and no other.
    version = models.CharField(_("version fingerprint (SHA-256)"), max_length=64, blank=True)
    materials = models.TextField(_("materials for the members"), blank=True)
    needs_vote = models.BooleanField(_("put to the vote"), default=True)
    majority = models.CharField(_("majority"), max_length=20, choices=MajorityRule.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    #: The count the vote was decided on (eligible, present, recused, for, against,
    #: abstentions, casting vote), kept as decided.
    result = models.JSONField(_("result"), default=dict, blank=True)
    resolution = models.ForeignKey(
        "Resolution",
        verbose_name=_("resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, procedure__isnull=True)
                | Q(meeting__isnull=True, procedure__isnull=False),
                name="agendaitem_meeting_or_procedure",
            ),
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=Q(meeting__isnull=False),
                name="agendaitem_position_unique",
            ),
        ]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    membership = models.ForeignKey(
        "directory.Membership",
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("attendance"), max_length=16, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.membership_id}: {self.get_status_display()}"


class Vote(models.Model):
    """A named vote of one member, on a meeting's item or in a circular procedure."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="votes",
    )
    procedure = models.ForeignKey(
        CircularProcedure,
        verbose_name=_("circular procedure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="votes",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    membership = models.ForeignKey(
        "directory.Membership",
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, procedure__isnull=True)
                | Q(item__isnull=True, procedure__isnull=False),
                name="vote_item_or_procedure",
            ),
            models.UniqueConstraint(
                fields=["item", "member"],
                condition=Q(item__isnull=False),
                name="vote_once_per_item",
            ),
            models.UniqueConstraint(
                fields=["procedure", "member"],
                condition=Q(procedure__isnull=False),
                name="vote_once_per_procedure",
            ),
        ]

    def __str__(self):
        return f"{self.member_id}: {self.get_choice_display()}"


class BodyRecordQuerySet(models.QuerySet):
    """Resolutions and minutes: ``documents.permissions`` asks ``visible_to`` for the PDFs of a
    body that is not listed on the portal (those of a listed body are public): whoever may
    open the body's internal pages (``committee.permissions.visible_bodies_q``)."""

    body_path = "body"

    def visible_to(self, user):
        from .permissions import visible_bodies_q

        bodies = Body.objects.filter(visible_bodies_q(user)).values("pk")
        return self.filter(**{f"{self.body_path}__in": bodies})


class MinutesQuerySet(BodyRecordQuerySet):
    body_path = "meeting__body"


class Resolution(models.Model):
    """Uchwała: numbered per body and year by the body's pattern."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="resolutions"
    )
    year = models.PositiveIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("number"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
    )
    procedure = models.OneToOneField(
        CircularProcedure,
        verbose_name=_("circular procedure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolution",
    )
    #: The vote result as counted (see ``AgendaItem.result``).
    result = models.JSONField(_("vote result"), default=dict)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BodyRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-year", "-seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "seq"], name="resolution_number_unique"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return str(_("Resolution no. %(number)s") % {"number": self.number})


class Minutes(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    text = models.TextField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting)
