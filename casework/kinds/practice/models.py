"""The good-practice detail of a case, the review criteria (data), the advisor's scores and
the frozen versions the committee approves (the practice's text with its scores)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casework.models import Case, FrozenVersion

from .constants import SCORE_MAX, SCORE_MIN, PhotoLicence, PhotoSize, ThematicArea

#: The practice's own text: edited by the submitter, frozen with each version.
TEXT_FIELDS = (
    "partners",
    "area",
    "period_start",
    "period_end",
    "problem",
    "solution",
    "results",
    "figures",
    "costs",
    "funding_sources",
    "replication",
    "links",
)


class GoodPractice(models.Model):
    """What the submitting organisation (the case's requesting organisation) tells about its
    practice. Its photos are ``PracticePhoto`` rows; other files are the case's attachments."""

    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="practice",
    )
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("One partner organisation a line.")
    )
    area = models.CharField(_("thematic area"), max_length=32, choices=ThematicArea.choices)
    gminas = models.ManyToManyField(
        "directory.TerritorialUnit",
        verbose_name=_("place (gminas)"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "gmina"},
    )
    period_start = models.DateField(_("start of the practice"), null=True, blank=True)
    period_end = models.DateField(
        _("end of the practice"), null=True, blank=True, help_text=_("Empty: still running.")
    )
    problem = models.TextField(_("the problem"), blank=True)
    solution = models.TextField(_("the solution"), blank=True)
    results = models.TextField(_("results"), blank=True)
    figures = models.TextField(
        _("results in figures"),
        blank=True,
        help_text=_("One figure a line, e.g. 12 people employed, 3 new social services."),
    )
    costs = models.TextField(_("costs"), blank=True)
    funding_sources = models.TextField(_("funding sources"), blank=True)
    replication = models.TextField(
        _("what it takes to repeat it elsewhere"),
        blank=True,
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_consent = models.BooleanField(
        _("consent to show the contact"),
        default=False,
        help_text=_("Without it the contact is seen only by the submitter and the office."),
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One address a line."))
    second_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("second reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("An advisor a coordinator added to score the practice beside the assignee."),
    )
    current_version = models.ForeignKey(
        "PracticeVersion",
        verbose_name=_("version sent for approval"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: What the public catalogue's search looks in (``catalogue.index_parts``; the contact is
    #: never in it). On PostgreSQL a GIN index of its full-text vector (migration 0004)
    #: serves the search, as the registry's generated column does.
    search_document = models.TextField(editable=False, blank=True)
    #: The same words folded in Python, for SQLite's prefix matching.
    search_folded = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self):
        return str(self.case)

    def text(self) -> dict:
        """The practice's text as a version freezes it (dates as ISO text, gminas by TERYT)."""
        content = {}
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            content[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        content["gminas"] = ", ".join(f"{g.code} {g.name}" for g in self.gminas.order_by("code"))
        return content

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class ReviewCriterion(models.Model):
    """A criterion of the scored review: data, so the office may add or retire one (the five
    defaults are loaded by migration ``0002``). Names in both languages of the interface."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Polish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description = models.TextField(_("what the reviewer asks"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["order", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "pl").startswith("en") else self.name


class PracticeScore(models.Model):
    """A reviewer's score of one criterion, with its justification: the assigned advisor's,
    and the second reviewer's if a coordinator added one (one row per reviewer and
    criterion)."""

    practice = models.ForeignKey(
        GoodPractice,
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        ReviewCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    justification = models.TextField(_("justification"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "criterion__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "criterion", "scored_by"], name="practice_score_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="practice_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


class PracticeVersion(FrozenVersion):
    """A practice frozen when it was sent for approval: its text, the scores with their
    justifications and reviewers, each reviewer's average and the average the threshold was
    checked against. The fingerprint covers all of them, so the committee approves exactly
    the text and the review it read."""

    content_fields = (*TEXT_FIELDS, "title", "gminas", "scores", "average", "reviewer_averages")
    owner_field = "practice"

    practice = models.ForeignKey(
        GoodPractice,
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    title = models.CharField(_("title"), max_length=300)
    partners = models.TextField(_("partners"), blank=True)
    area = models.CharField(_("thematic area"), max_length=32, choices=ThematicArea.choices)
    gminas = models.TextField(_("place (gminas)"), blank=True)
    period_start = models.CharField(_("start of the practice"), max_length=10, blank=True)
    period_end = models.CharField(_("end of the practice"), max_length=10, blank=True)
    problem = models.TextField(_("the problem"), blank=True)
    solution = models.TextField(_("the solution"), blank=True)
    results = models.TextField(_("results"), blank=True)
    figures = models.TextField(_("results in figures"), blank=True)
    costs = models.TextField(_("costs"), blank=True)
    funding_sources = models.TextField(_("funding sources"), blank=True)
    replication = models.TextField(_("what it takes to repeat it elsewhere"), blank=True)
    links = models.TextField(_("links"), blank=True)
    #: ``[{"criterion", "name", "score", "justification", "reviewer", "reviewer_id"}]``,
    #: copied from the scores (criterion by criterion, each reviewer's in turn).
    scores = models.JSONField(_("scores"), default=list)
    #: The average of the reviewers' averages (``services.review_of``).
    average = models.DecimalField(_("average score"), max_digits=4, decimal_places=2)
    #: ``[{"reviewer", "reviewer_id", "average"}]``: each reviewer's own average.
    reviewer_averages = models.JSONField(_("averages of the reviewers"), default=list)

    class Meta:
        verbose_name = _("practice version")
        verbose_name_plural = _("practice versions")
        ordering = ["practice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="practice_version_unique")
        ]

    def __str__(self):
        return f"{self.practice_id} v{self.number}"

    @classmethod
    def canonical_of(cls, content: dict) -> bytes:
        """The fingerprinted form: the scores enter as canonical JSON text (sorted keys), the
        average as its two-decimal text."""
        content = dict(content)
        content["scores"] = cls.rows_text(content.get("scores"))
        average = content.get("average")
        content["average"] = f"{average:.2f}" if average not in (None, "") else ""
        # Versions frozen before reviewers' averages were kept have none: their canonical form
        # (and so their fingerprint) stays what it was.
        averages = content.pop("reviewer_averages", None)
        if averages:
            content["reviewer_averages"] = cls.rows_text(averages)
        return super().canonical_of(content)


def photo_storage_name(instance, filename: str) -> str:
    """``practice-photos/<yyyy>/<uuid4 hex>.jpg``: nothing of the uploader's file name reaches
    the disk (every derivative is a JPEG the upload service encoded)."""
    return f"practice-photos/{timezone.localdate():%Y}/{uuid.uuid4().hex}.jpg"


class PracticePhoto(models.Model):
    """A photo of a practice, stored only as derivatives re-encoded from its pixels (no
    metadata of the original survives: no EXIF, GPS, XMP or ICC profile), at the sizes the
    pages and documents use. Written only by ``photos.photo_add``; served through
    ``photos.public_photo_url`` (public once the practice is published, before that only to
    whoever sees the case)."""

    practice = models.ForeignKey(
        GoodPractice,
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    author = models.CharField(_("author of the photo"), max_length=200)
    licence = models.CharField(_("licence"), max_length=20, choices=PhotoLicence.choices)
    people_shown = models.BooleanField(_("people can be recognised in the photo"), default=False)
    people_consent = models.BooleanField(
        _("the people shown consented to publication"), default=False
    )
    image = models.FileField(_("photo"), upload_to=photo_storage_name, max_length=200)
    width = models.PositiveIntegerField(_("width (px)"))
    height = models.PositiveIntegerField(_("height (px)"))
    thumbnail = models.FileField(_("thumbnail"), upload_to=photo_storage_name, max_length=200)
    thumbnail_width = models.PositiveIntegerField(_("thumbnail width (px)"))
    thumbnail_height = models.PositiveIntegerField(_("thumbnail height (px)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo of a practice")
        verbose_name_plural = _("photos of practices")
        ordering = ["practice", "position", "id"]
        constraints = [
            # A photo showing people is stored only with their consent.
            models.CheckConstraint(
                condition=models.Q(people_shown=False) | models.Q(people_consent=True),
                name="practice_photo_people_consent",
            ),
        ]

    def __str__(self):
        return self.alt_text

    def credit(self) -> str:
        """ "Author, licence" as the gallery and the PDF documents print it."""
        return f"{self.author}, {self.get_licence_display()}"

    def url(self, size: str = PhotoSize.LARGE) -> str:
        """The permission-checked address of the photo at ``size`` (``photos.public_photo_url``)."""
        return reverse("casework:practice-photo", kwargs={"pk": self.pk, "size": PhotoSize(size)})

    @property
    def thumbnail_url(self) -> str:
        return self.url(PhotoSize.THUMB)

    @property
    def image_url(self) -> str:
        return self.url(PhotoSize.LARGE)

    def file_of(self, size: str):
        """The stored derivative of ``size`` (a ``PhotoSize``); KeyError for another value."""
        return {PhotoSize.LARGE: self.image, PhotoSize.THUMB: self.thumbnail}[size]


class CatalogueEditionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """``documents.permissions`` asks this: coordinators see every edition (its issued
        versions are public documents anyway, once ready)."""
        from directory.roles import is_coordinator

        if not getattr(user, "is_authenticated", False) or not is_coordinator(user):
            return self.none()
        return self.all()


class CatalogueEdition(models.Model):
    """The yearly edition of the catalogue: the source of its PDF documents, one version per
    issue (a new version when practices were published since the last one)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    #: The public practices of the year the latest issued version holds (their case ids,
    #: sorted): what tells whether a new version is due.
    practice_ids = models.JSONField(_("practices of the latest version"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CatalogueEditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("catalogue edition")
        verbose_name_plural = _("catalogue editions")

    def __str__(self):
        return f"{self.year}"


@receiver(post_delete, sender=PracticePhoto)
def _photo_files_go_after_commit(sender, instance: PracticePhoto, **kwargs):
    """A photo's files go once its row's deletion is committed: removed one by one
    (``photo_remove``) or with its practice (a draft deleted); a rolled-back deletion keeps
    them."""
    storage = instance.image.storage
    names = [name for name in (instance.image.name, instance.thumbnail.name) if name]
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
