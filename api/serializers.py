"""What the API shows. Public serializers read only what the portal reads (``PublicProfile``
for registry entries, published events and their sessions); tests/api/test_public_fields.py
checks every public serializer against a literal list of forbidden fields."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

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
