"""Intake forms of the five advisory topics.

Every form runs in one of two modes. A **draft** may be incomplete: every field is optional,
but whatever is filled in is still validated (a bad CPV code is refused even in a draft). A
**submission** must be complete: each missing field gets an error and one summary error names
them all. What a form stores is a JSON-safe dict (``to_json``): decimals as strings, dates
in ISO format, yes/no as booleans, empty fields left out; ``json_to_data`` turns it back into
form data, so a stored draft can be edited and submitted later.
"""

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from directory.validators import normalise_digits, validate_regon, validate_terc

from .bands import art361_warnings, band_of_input, threshold_band
from .constants import (
    ClauseType,
    ContractingRoute,
    ContractType,
    DeliveryModel,
    Instrument,
    LocalPlanSection,
    LocalPlanStage,
    PartnerKind,
    PartnershipForm,
    ProcedureType,
    SocialService,
    StrategyDocument,
    TargetGroup,
    Topic,
)
from .fields import CPVCodeField, CPVMultipleField, MoneyBandInput, MoneyField, YesNoField

MODE_DRAFT = "draft"
MODE_SUBMIT = "submit"

REQUIRED_FOR_SUBMISSION = _("Fill in this field before submitting.")
INCOMPLETE_SUBMISSION = _("The request cannot be submitted yet. Fill in: %(fields)s.")

#: Clause types that put people from the target groups to work: they need the groups and a
#: number or share of people.
EMPLOYMENT_CLAUSES = frozenset(
    {ClauseType.RESERVED_ART94, ClauseType.EMPLOY_GROUPS_ART96, ClauseType.AWARD_CRITERION_ART242}
)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _text(label, *, max_length: int = 4000, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _multi(label, choices, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class IntakeForm(forms.Form):
    """Fields every topic asks for, and the draft/submit logic."""

    #: The topic this form serves.
    topic: ClassVar[str]
    #: Fields a submission needs, in the order they appear.
    submit_required: ClassVar[tuple[str, ...]] = (
        "requester_regon",
        "requester_teryt",
        "contact_name",
        "contact_email",
        "question",
    )
    #: (field, condition on the JSON data) pairs: the field is needed when the condition holds.
    submit_required_if: ClassVar[tuple[tuple[str, Callable[[dict], bool]], ...]] = ()
    #: Keys that are computed from the other fields, not typed.
    derived: ClassVar[tuple[str, ...]] = ()

    requester_regon = forms.CharField(
        label=_("REGON of the requesting body"),
        max_length=17,
        validators=[validate_regon],
        help_text=_("9 or 14 digits; filled in from your organisation's record."),
    )
    requester_teryt = forms.CharField(
        label=_("TERYT code of the requesting body"),
        max_length=7,
        validators=[validate_terc],
        help_text=_("The TERC code of the gmina (7 digits) or powiat (4 digits)."),
    )
    contact_name = forms.CharField(label=_("contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("contact e-mail"))
    contact_phone = forms.CharField(label=_("contact phone"), max_length=40)
    question = _text(
        _("your question"),
        rows=6,
        help_text=_("What would you like the advisor to help with? Describe the situation."),
    )

    def __init__(self, *args, mode: str = MODE_DRAFT, **kwargs):
        super().__init__(*args, **kwargs)
        if mode not in (MODE_DRAFT, MODE_SUBMIT):
            raise ValueError(f"unknown intake form mode {mode!r}")
        self.mode = mode
        self.warnings: list[str] = []
        # "Required" is decided in clean(), by mode; the browser must not block a draft.
        for field in self.fields.values():
            field.required = False

    # --- what is required ------------------------------------------------------------

    @classmethod
    def required_field_names(cls, data: dict) -> list[str]:
        """Every field a submission with ``data`` needs, in form order."""
        names = set(cls.submit_required)
        names.update(name for name, condition in cls.submit_required_if if condition(data))
        return [name for name in cls.base_fields if name in names]

    @classmethod
    def missing_fields(cls, data: dict) -> list[tuple[str, str]]:
        """(name, label) of every field a submission of ``data`` still lacks."""
        return [
            (name, str(cls.base_fields[name].label))
            for name in cls.required_field_names(data)
            if _empty(data.get(name))
        ]

    # --- cleaning ----------------------------------------------------------------------

    def clean_requester_regon(self) -> str:
        return normalise_digits(self.cleaned_data.get("requester_regon", ""))

    def clean(self) -> dict:
        cleaned = super().clean()
        self.clean_derived(cleaned)
        if self.mode == MODE_SUBMIT:
            data = self._json_of(cleaned)
            missing = [
                (name, label)
                for name, label in self.missing_fields(data)
                if name not in self._errors  # a refused value has its own message already
            ]
            for name, _label in missing:
                self.add_error(name, forms.ValidationError(REQUIRED_FOR_SUBMISSION, "missing"))
            if missing:
                raise forms.ValidationError(
                    INCOMPLETE_SUBMISSION,
                    code="incomplete",
                    params={"fields": ", ".join(label for _name, label in missing)},
                )
        return cleaned

    def clean_derived(self, cleaned: dict) -> None:
        """Compute the derived keys and the warnings; a hook for topics."""

    # --- JSON --------------------------------------------------------------------------

    def _json_of(self, cleaned: dict) -> dict:
        result = {}
        for name in (*self.fields, *self.derived):
            value = cleaned.get(name)
            if not _empty(value):
                result[name] = _json_value(value)
        return result

    def to_json(self) -> dict:
        """The cleaned data as a JSON-safe dict (call after is_valid())."""
        return self._json_of(self.cleaned_data)

    @classmethod
    def json_to_data(cls, intake: dict) -> dict:
        """Form data (as a browser would post it) for a stored intake dict."""
        data: dict[str, Any] = {}
        for name in cls.base_fields:
            value = (intake or {}).get(name)
            if _empty(value):
                continue
            if value is True:
                value = "yes"
            elif value is False:
                value = "no"
            elif isinstance(value, list):
                value = [str(v) for v in value]
            else:
                value = str(value)
            data[name] = value
        return data

    def error_summary(self) -> list[tuple[str, str]]:
        """(field id or "", message) pairs for an error summary that links to each field."""
        summary = [("", str(message)) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            bound = self[name]
            # Radio and checkbox groups have no single labelled input: link to the first one.
            target = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
            for message in errors:
                summary.append((target, f"{bound.label}: {message}"))
        return summary


def _has_any(key: str, values: Iterable[str]) -> Callable[[dict], bool]:
    wanted = frozenset(values)
    return lambda data: bool(wanted & set(data.get(key) or ()))


def _as_int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _is(key: str, value: Any) -> Callable[[dict], bool]:
    return lambda data: data.get(key) == value


class SocialClausesForm(IntakeForm):
    """Social clauses in a planned public contract (fields of DOMAIN.md)."""

    topic = Topic.SOCIAL_CLAUSES
    submit_required = (
        *IntakeForm.submit_required,
        "contract_title",
        "contract_description",
        "contract_type",
        "cpv_main",
        "social_service",
        "estimated_value_net",
        "procedure_type",
        "lots_count",
        "duration_months",
        "planned_publication",
        "eu_cofinanced",
        "clause_types",
        "verification_sanctions",
        "requested_date",
    )
    submit_required_if = (
        ("lots_description", lambda data: _as_int(data.get("lots_count")) > 1),
        ("eu_programme", _is("eu_cofinanced", True)),
        ("target_groups", _has_any("clause_types", EMPLOYMENT_CLAUSES)),
        ("people_to_employ", _has_any("clause_types", EMPLOYMENT_CLAUSES)),
        ("target_groups_other", _has_any("target_groups", [TargetGroup.OTHER])),
    )
    derived = ("threshold_band",)

    contract_title = forms.CharField(label=_("title of the contract"), max_length=300)
    contract_description = _text(_("description of the contract"))
    contract_type = forms.ChoiceField(
        label=_("type of contract"),
        choices=ContractType.choices,
        widget=forms.RadioSelect,
    )
    cpv_main = CPVCodeField(
        label=_("main CPV code"), help_text=_("The code of the CPV dictionary, e.g. 90910000-9.")
    )
    cpv_additional = CPVMultipleField(
        label=_("additional CPV codes"),
        help_text=_("Separate codes with commas."),
    )
    social_service = YesNoField(
        label=_("social or other specific service (art. 359 Pzp)"),
    )
    estimated_value_net = MoneyField(
        label=_("estimated value, net (PLN)"),
        help_text=_("Without VAT, in złoty, e.g. 250,000.00."),
        widget=MoneyBandInput(attrs={"inputmode": "decimal"}),
    )
    procedure_type = forms.ChoiceField(
        label=_("planned procedure"), choices=[("", "—"), *ProcedureType.choices]
    )
    lots_count = forms.IntegerField(
        label=_("number of lots"),
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("1 if the contract is not divided into lots."),
    )
    lots_description = _text(_("description of the lots"), rows=3)
    duration_months = forms.IntegerField(
        label=_("duration of the contract (months)"),
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    planned_publication = forms.DateField(
        label=_("planned publication of the notice"), widget=DateInput()
    )
    eu_cofinanced = YesNoField(label=_("co-financed by EU funds"))
    eu_programme = forms.CharField(
        label=_("EU programme"),
        max_length=300,
        help_text=_("E.g. FEŚ 2021-2027, FERS."),
    )
    clause_types = _multi(_("social clauses considered"), ClauseType.choices)
    target_groups = _multi(_("target groups"), TargetGroup.choices)
    target_groups_other = forms.CharField(label=_("other target groups"), max_length=300)
    people_to_employ = forms.CharField(
        label=_("number or share of people to employ"),
        max_length=200,
        help_text=_("E.g. 2 people, or a third of the staff doing the contract."),
    )
    verification_sanctions = _text(
        _("verification and sanctions"),
        help_text=_("How will you check that the clause is kept, and what if it is not?"),
    )
    known_pes = _text(
        _("social economy entities known nearby"),
        rows=3,
        help_text=_("Entities that could bid or subcontract, if you know any."),
    )
    requested_date = forms.DateField(
        label=_("opinion needed by"),
        widget=DateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        # The band beside the value: from what was posted, else from the stored draft.
        def held(name):
            if self.is_bound:
                return self.data.get(self.add_prefix(name))
            return self.initial.get(name)

        self.fields["estimated_value_net"].widget.band = band_of_input(
            value=held("estimated_value_net"),
            contract_type=held("contract_type"),
            social_service=held("social_service"),
        )

    def clean_cpv_additional(self) -> list[str]:
        codes = self.cleaned_data.get("cpv_additional") or []
        main = self.cleaned_data.get("cpv_main")
        return [code for code in codes if code != main]

    def clean_derived(self, cleaned: dict) -> None:
        value = cleaned.get("estimated_value_net")
        contract_type = cleaned.get("contract_type")
        if value is not None and contract_type:
            cleaned["threshold_band"] = threshold_band(
                value_net_pln=value,
                contract_type=contract_type,
                social_service=bool(cleaned.get("social_service")),
            ).band.value
        self.warnings = art361_warnings(
            clause_types=cleaned.get("clause_types") or [],
            duration_months=cleaned.get("duration_months"),
            social_service=cleaned.get("social_service"),
            contract_type=contract_type,
        )


class LocalPlanForm(IntakeForm):
    """Help with a local social economy development plan of a gmina."""

    topic = Topic.LOCAL_PLAN
    submit_required = (
        *IntakeForm.submit_required,
        "strategy_documents",
        "stage",
        "sections_for_review",
        "adoption_deadline",
    )
    submit_required_if = (
        ("strategy_documents_other", _has_any("strategy_documents", [StrategyDocument.OTHER])),
    )

    strategy_documents = _multi(
        _("strategy documents of the gmina"),
        StrategyDocument.choices,
        help_text=_("The documents the plan must fit."),
    )
    strategy_documents_other = forms.CharField(label=_("other documents"), max_length=300)
    stage = forms.ChoiceField(
        label=_("stage of work"), choices=[("", "—"), *LocalPlanStage.choices]
    )
    sections_for_review = _multi(_("sections to review"), LocalPlanSection.choices)
    adoption_deadline = forms.DateField(
        label=_("planned adoption by the council"), widget=DateInput()
    )


class SocialServicesForm(IntakeForm):
    """Organising or contracting social services."""

    topic = Topic.SOCIAL_SERVICES
    submit_required = (
        *IntakeForm.submit_required,
        "services",
        "current_delivery",
        "planned_route",
    )
    submit_required_if = (("services_other", _has_any("services", [SocialService.OTHER])),)

    services = _multi(_("services concerned"), SocialService.choices)
    services_other = forms.CharField(label=_("other services"), max_length=300)
    current_delivery = forms.ChoiceField(
        label=_("how the services are delivered now"),
        choices=[("", "—"), *DeliveryModel.choices],
    )
    planned_route = forms.ChoiceField(
        label=_("planned contracting route"), choices=[("", "—"), *ContractingRoute.choices]
    )
    recipients_estimate = forms.IntegerField(
        label=_("estimated number of recipients"), validators=[MinValueValidator(0)]
    )
    planned_start = forms.DateField(label=_("planned start of the services"), widget=DateInput())


class ActiveIntegrationForm(IntakeForm):
    """Setting up or using active-integration instruments (CIS, KIS, ZAZ, WTZ …)."""

    topic = Topic.ACTIVE_INTEGRATION
    submit_required = (*IntakeForm.submit_required, "instruments", "target_groups")
    submit_required_if = (
        ("instruments_other", _has_any("instruments", [Instrument.OTHER])),
        ("target_groups_other", _has_any("target_groups", [TargetGroup.OTHER])),
    )

    instruments = _multi(_("instruments considered"), Instrument.choices)
    instruments_other = forms.CharField(label=_("other instruments"), max_length=300)
    target_groups = _multi(_("target groups"), TargetGroup.choices)
    target_groups_other = forms.CharField(label=_("other target groups"), max_length=300)
    participants_estimate = forms.IntegerField(
        label=_("estimated number of participants"), validators=[MinValueValidator(0)]
    )
    existing_resources = _text(
        _("resources at hand"),
        rows=3,
        help_text=_("Premises, staff, partners or funding you can already count on."),
    )


class CooperationForm(IntakeForm):
    """Starting cooperation or a partnership with other bodies."""

    topic = Topic.COOPERATION
    submit_required = (*IntakeForm.submit_required, "partner_kinds", "goal", "planned_form")

    partner_kinds = _multi(_("partners considered"), PartnerKind.choices)
    partner_names = _text(
        _("names of the partners"), rows=3, help_text=_("If you already know them.")
    )
    goal = _text(_("goal of the cooperation"))
    planned_form = forms.ChoiceField(
        label=_("planned form of cooperation"), choices=[("", "—"), *PartnershipForm.choices]
    )
    planned_start = forms.DateField(label=_("planned start"), widget=DateInput())


#: The intake form of each topic.
INTAKE_FORMS: dict[str, type[IntakeForm]] = {
    form.topic: form
    for form in (
        SocialClausesForm,
        LocalPlanForm,
        SocialServicesForm,
        ActiveIntegrationForm,
        CooperationForm,
    )
}

# Labels are written in lower case, as Django's verbose names are; forms show them first
# letter up (the same in the list of missing fields).
for _form in INTAKE_FORMS.values():
    for _field in _form.base_fields.values():
        _field.label = capfirst(_field.label)
