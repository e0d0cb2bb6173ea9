"""What the API shows. Public serializers read only what the portal reads (``PublicProfile``
for registry entries, published events and their sessions, ``public_values`` of the practice
kind for good practices); tests/api/test_public_fields.py
checks every public serializer against a literal list of forbidden fields."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from casework.kinds.practice.public import PUBLIC_STATES, public_values
from casework.models import Case
from directory.registry.public import EXPORT_COLUMNS, PublicProfile
from events.models import Event, Registration, Session

from .models import ApiToken, TokenScope

# -- Public ---------------------------------------------------------------------------------

_ENTRY_TYPES = {
    "id": serializers.IntegerField,
    "employees": serializers.IntegerField,
    "employees_at_risk": serializers.IntegerField,
    "fte": serializers.DecimalField,
    "employment_as_of": serializers.DateField,
    "ps_decision_date": serializers.DateField,
    "last_verified": serializers.DateField,
    "ready_for_public_contracts": serializers.BooleanField,
    "social_enterprise": serializers.BooleanField,
}


def _entry_field(name):
    field_class = _ENTRY_TYPES.get(name, serializers.CharField)
    kwargs = {"read_only": True}
    if field_class is serializers.DecimalField:
        kwargs.update(max_digits=9, decimal_places=2, coerce_to_string=True)
    if name != "id":
        kwargs["allow_null"] = True
    return field_class(**kwargs)


class RegistryEntrySerializer(serializers.Serializer):
    """One row of the portal's export (``PublicProfile.values()``): a field group without
    the entity's consent is empty (``null`` or ``""``), exactly as on the portal."""

    def to_representation(self, instance):
        profile = instance if isinstance(instance, PublicProfile) else PublicProfile(instance)
        return super().to_representation(profile.values())

    def get_fields(self):
        return {name: _entry_field(name) for name in EXPORT_COLUMNS}


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at"]


class EventSerializer(serializers.ModelSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    organiser = serializers.CharField(source="organiser.name", read_only=True)
    gmina = serializers.CharField(source="gmina.name", read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = [
            "id", "title", "kind", "module", "organiser", "description", "programme",
            "speakers", "gmina", "address", "online_url", "step_free", "induction_loop",
            "sign_language", "capacity", "registration_opens_at", "registration_closes_at",
            "audiences", "transport", "sessions",
        ]  # fmt: skip


class PracticeOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()


class PracticeGminaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("TERYT code of the gmina."))
    name = serializers.CharField()
    powiat = serializers.CharField()


class PracticeContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()


class PracticePhotoSerializer(serializers.Serializer):
    """A photo as the catalogue shows it: its description, the credit printed under it
    ("author, licence"), and the addresses of its two sizes."""

    id = serializers.IntegerField()
    alt_text = serializers.CharField()
    credit = serializers.CharField()
    licence = serializers.CharField()
    url = serializers.CharField()
    thumbnail_url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    thumbnail_width = serializers.IntegerField()
    thumbnail_height = serializers.IntegerField()


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class PracticeSerializer(serializers.Serializer):
    """A published (or archived) good practice: exactly the practice kind's ``PUBLIC_FIELDS``
    (``casework.kinds.practice.public``), the contact person only with the organisation's
    consent; never the scores, comments or the submitter's users."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=[str(s) for s in PUBLIC_STATES])
    organisation = PracticeOrganisationSerializer()
    partners = serializers.ListField(child=serializers.CharField())
    area = serializers.CharField()
    gminas = PracticeGminaSerializer(many=True)
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    problem = serializers.CharField()
    solution = serializers.CharField()
    results = serializers.CharField()
    figures = serializers.ListField(child=serializers.CharField())
    costs = serializers.CharField()
    funding_sources = serializers.CharField()
    replication = serializers.CharField()
    links = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField(allow_null=True)
    contact = PracticeContactSerializer(
        allow_null=True, help_text=_("Only if the organisation agreed to publish it.")
    )
    photos = PracticePhotoSerializer(many=True)

    def to_representation(self, instance):
        values = public_values(instance)
        request = self.context.get("request")
        for photo in values["photos"]:
            photo["url"] = absolute(request, photo["url"])
            photo["thumbnail_url"] = absolute(request, photo["thumbnail_url"])
        return super().to_representation(values)


def document_url(request, document) -> str | None:
    """The public download address of a document, or ``None`` (no public ready PDF)."""
    if document is None:
        return None
    return absolute(request, reverse("documents:download", args=[document.pk]))


class AgreementPartySerializer(serializers.Serializer):
    name = serializers.CharField()
    leader = serializers.BooleanField()


class AgreementSerializer(serializers.Serializer):
    """An agreement as the portal's register shows it (``public_view`` of the agreement
    kind): the signed version's title, parties, goals and duration; the PDF only where every
    party consented. Never the consents, signatures, contributions or contacts."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField(help_text=_("As the register shows it."))
    in_force = serializers.BooleanField()
    goals = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True, help_text=_("Empty: indefinite."))
    parties = AgreementPartySerializer(many=True)
    document_url = serializers.CharField(
        allow_null=True, help_text=_("The signed agreement (PDF) if every party consented.")
    )

    def to_representation(self, instance):
        """``instance`` is a ``PublicAgreement``."""
        return super().to_representation(
            {
                "id": instance.pk,
                "number": instance.number,
                "title": instance.title,
                "status": instance.status,
                "in_force": instance.in_force,
                "goals": instance.goals,
                "start_date": instance.start_date,
                "end_date": instance.end_date,
                "parties": [
                    {"name": p["name"] or "", "leader": bool(p["leader"])} for p in instance.parties
                ],
                "document_url": document_url(self.context.get("request"), instance.document),
            }
        )


class VoteCountSerializer(serializers.Serializer):
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    abstaining = serializers.IntegerField()


class ResolutionItemSerializer(serializers.Serializer):
    matter = serializers.CharField(help_text=_("The case's number, or the item's title."))
    count = VoteCountSerializer(allow_null=True, help_text=_("Empty: not put to the vote."))


def resolution_items(resolution) -> list[dict]:
    """What the portal's page of a resolution lists of its items (prefetched ``items``)."""
    rows = []
    for item in resolution.items.all():
        result = item.result or {}
        rows.append(
            {
                "matter": item.case.number if item.case_id else item.title,
                "count": {
                    "votes_for": int(result.get("for") or 0),
                    "votes_against": int(result.get("against") or 0),
                    "abstaining": int(result.get("abstain") or 0),
                }
                if result
                else None,
            }
        )
    return rows


class ResolutionSerializer(serializers.Serializer):
    """A resolution as the portal's register shows it (``committee.public``): never how
    each member voted, who recorded it, nor the meeting's materials."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    body_name = serializers.CharField(help_text=_("The body that adopted it."))
    adopted_on = serializers.DateField()
    circular_procedure = serializers.BooleanField()
    title = serializers.CharField()
    text = serializers.CharField()
    items = ResolutionItemSerializer(many=True)
    document_url = serializers.CharField(allow_null=True, help_text=_("Empty: being prepared."))
    verification_code = serializers.CharField(allow_null=True)

    def to_representation(self, instance):
        """``instance`` is a pair (resolution, its public PDF or ``None``), as
        ``committee.public.with_documents`` gives them."""
        resolution, document = instance
        return super().to_representation(
            {
                "id": resolution.pk,
                "number": resolution.number,
                "body_name": resolution.body.name,
                "adopted_on": resolution.adopted_on,
                "circular_procedure": resolution.procedure_id is not None,
                "title": resolution.title,
                "text": resolution.text,
                "items": resolution_items(resolution),
                "document_url": document_url(self.context.get("request"), document),
                "verification_code": document.verification_code if document else None,
            }
        )


class DatasetSerializer(serializers.Serializer):
    """The metadata a national open-data portal harvests for a dataset."""

    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    licence = serializers.CharField()
    licence_url = serializers.URLField()
    update_frequency = serializers.CharField()
    last_modified = serializers.DateTimeField(allow_null=True)
    records = serializers.IntegerField()
    csv_url = serializers.CharField()
    json_url = serializers.CharField()


# -- Staff ----------------------------------------------------------------------------------


class CaseSerializer(serializers.ModelSerializer):
    requesting_organisation = serializers.CharField(
        source="requesting_organisation.name", read_only=True
    )
    assignee = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "number", "kind", "title", "status", "requesting_organisation", "assignee",
            "date_received", "due_date", "created_at", "updated_at",
        ]  # fmt: skip

    def get_assignee(self, case) -> str | None:
        return case.assignee.full_name if case.assignee else None


class StaffSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "title", "starts_at", "ends_at"]


class StaffEventSerializer(serializers.ModelSerializer):
    """An event as the organiser's list shows it: with places taken and the waiting list."""

    organiser = serializers.CharField(source="organiser.name", read_only=True)
    held = serializers.IntegerField(read_only=True, help_text=_("Places taken."))
    waiting = serializers.IntegerField(read_only=True, help_text=_("On the waiting list."))
    sessions = StaffSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "id", "title", "kind", "module", "organiser", "is_published", "capacity", "held",
            "waiting", "registration_opens_at", "registration_closes_at", "sessions",
        ]  # fmt: skip


class RegistrationSerializer(serializers.ModelSerializer):
    """A participant as the organiser's list and its spreadsheet show them."""

    present_at = serializers.SerializerMethodField(
        help_text=_("The sessions (their ids) the participant was checked in at.")
    )

    class Meta:
        model = Registration
        fields = [
            "id", "name", "email", "institution", "audience", "status", "created_at",
            "accessibility_needs", "photo_consent", "present_at",
        ]  # fmt: skip

    def get_present_at(self, registration) -> list[int]:
        return sorted(a.session_id for a in registration.attendances.all())


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    irreversible = serializers.BooleanField()


class TransitionRunSerializer(serializers.Serializer):
    expected_status = serializers.CharField(
        max_length=64, help_text=_("The case's status as the caller saw it.")
    )
    data = serializers.DictField(
        required=False, default=dict, help_text=_("The transition's form fields, if any.")
    )


class TokenSerializer(serializers.ModelSerializer):
    usable = serializers.BooleanField(source="is_usable", read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "scope",
            "created_at",
            "expires_at",
            "revoked_at",
            "usable",
        ]
        read_only_fields = ["prefix", "created_at", "revoked_at"]


class TokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    scope = serializers.ChoiceField(choices=TokenScope.choices)
    expires_at = serializers.DateTimeField()

    def validate_expires_at(self, value):
        now = timezone.now()
        if value <= now:
            raise serializers.ValidationError(_("The expiry must be in the future."))
        if value > now + datetime.timedelta(days=366):
            raise serializers.ValidationError(_("A token may be valid for a year at most."))
        return value


class TokenCreatedSerializer(TokenSerializer):
    secret = serializers.CharField(read_only=True, help_text=_("Shown once; not stored."))

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "secret"]
