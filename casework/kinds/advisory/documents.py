"""The opinion as a document of the register (``documents/``): its kinds, their context,
and which of them a user may see on the case page.

Two kinds: the opinion issued to the requester (``advisory_opinion``) and the public,
anonymised version (``advisory_opinion_public``), issued only after the requester's consent
and carrying no personal data (no contact person, no names of staff, no address line).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from directory.roles import is_staff
from documents.services import letterhead

from .constants import OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT
from .intake.constants import ClauseType, ProcedureType, TargetGroup, ThresholdBand
from .intake.cpv import cpv_lookup
from .models import OpinionVersion

NBSP = "\u00a0"


def _cpv_rows(intake: dict) -> list[dict]:
    codes = []
    if intake.get("cpv_main"):
        codes.append(intake["cpv_main"])
    codes += [c for c in intake.get("cpv_additional") or [] if c not in codes]
    rows = []
    for index, code in enumerate(codes):
        found = cpv_lookup(code)
        rows.append({"code": code, "name": found.name_pl if found else "", "main": index == 0})
    return rows


def format_pln(value) -> str:
    """An amount as Polish documents write it: ``1 450 000,00 zł`` (non-breaking spaces)."""
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    whole, _sep, cents = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    sign = "-" if amount < 0 else ""
    return f"{sign}{NBSP.join(groups)},{cents}{NBSP}zł"


def _date(value: str):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _labels(choices, values) -> list[str]:
    mapping = dict(choices)
    return [str(mapping.get(v, v)) for v in values or []]


def build_opinion_context(version, *, public: bool = False) -> dict[str, Any]:
    """Everything the opinion template shows, rebuilt from the approved version and its case."""
    from django.utils import translation

    advisory = version.advisory
    case = advisory.case
    organisation = case.requesting_organisation
    intake = advisory.intake or {}
    membership = version.approved_under
    with translation.override("pl"):
        topic = str(advisory.get_topic_display())
        clauses = _labels(ClauseType.choices, intake.get("clause_types"))
        groups = _labels(TargetGroup.choices, intake.get("target_groups"))
        band = intake.get("threshold_band", "")
        band_label = str(dict(ThresholdBand.choices).get(band, band)) if band else ""
        procedure = intake.get("procedure_type", "")
        procedure_label = str(dict(ProcedureType.choices).get(procedure, procedure))
    return {
        "title": "Opinia doradcza" + (" (wersja publiczna)" if public else ""),
        "reference": case.number,
        "public": public,
        "case": case,
        "advisory": advisory,
        "version": version,
        # The same body as the letterhead: a region names itself in one setting.
        "issuer": letterhead()["body"],
        "organisation": organisation,
        "topic": topic,
        "intake": intake,
        "cpv_rows": _cpv_rows(intake),
        "clauses": clauses,
        "target_groups": groups,
        "band_label": band_label,
        "value_label": format_pln(intake["estimated_value_net"])
        if intake.get("estimated_value_net")
        else "",
        "procedure_label": procedure_label,
        "planned_publication": _date(intake.get("planned_publication")),
        # The clause texts as the version froze them (never the templates' current texts).
        "clauses_issued": version.clauses or [],
        "approver": version.approved_by,
        "approved_at": version.approved_at,
        "approval_body": membership.organisation if membership else None,
    }


def _may_manage(user, version) -> bool:
    return is_staff(user)


def register() -> None:
    from documents.registry import register_document_kind

    register_document_kind(
        OPINION_DOCUMENT,
        template="advisory/opinion.html",
        build_context=build_opinion_context,
        label=_("advisory opinion"),
        may_manage=_may_manage,
        reference=lambda version: version.advisory.case.number,
        file_prefix="opinia",
    )
    register_document_kind(
        PUBLIC_OPINION_DOCUMENT,
        template="advisory/opinion.html",
        build_context=lambda version: build_opinion_context(version, public=True),
        label=_("advisory opinion (public version)"),
        may_manage=_may_manage,
        reference=lambda version: version.advisory.case.number,
        file_prefix="opinia-publiczna",
    )


def opinion_documents_visible(case, user) -> list:
    """The opinion documents of a request the user may see (the register's own rule)."""
    from documents.models import Document
    from documents.permissions import visible_documents

    versions = list(OpinionVersion.objects.filter(advisory_id=case.pk).values_list("pk", flat=True))
    if not versions:
        return []
    from django.contrib.contenttypes.models import ContentType

    documents = Document.objects.filter(
        source_type=ContentType.objects.get_for_model(OpinionVersion),
        source_id__in=versions,
        kind__in=[OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT],
    ).order_by("kind", "version")
    return visible_documents(user, documents)
