"""Draft social clauses: which clause types fit a request, and their texts from the templates.

The templates are data (``ClauseTemplate``, versioned, edited by the coordinator). When the
advisor inserts a clause into the opinion's draft, its text is *copied* (with the request's
facts filled in) into ``AdvisoryRequest.opinion_clauses``; freezing the opinion copies the
list again into the version. So a later edit of a template changes no opinion.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .clause_defaults import DEFAULTS
from .intake.constants import ClauseType, ContractType, ProcedureType, TargetGroup
from .intake.cpv import normalise_code
from .models import ClauseTemplate

#: The clause types that have templates, in the order the opinion lists them.
TEMPLATE_CLAUSE_TYPES: tuple[str, ...] = (
    ClauseType.RESERVED_ART94,
    ClauseType.EMPLOYMENT_CONTRACT_ART95,
    ClauseType.EMPLOY_GROUPS_ART96,
    ClauseType.AWARD_CRITERION_ART242,
    ClauseType.RESERVED_SERVICES_ART361,
)

#: Art. 361 sec. 1 Pzp: the health, social and cultural services it lets an authority reserve,
#: as CPV codes (a code covers its sub-codes) and one range of codes (first, last).
ART361_CPV_CODES: tuple[str, ...] = (
    "75121000-0",
    "75122000-7",
    "75123000-4",
    "79622000-0",
    "79624000-4",
    "79625000-1",
    "80110000-8",
    "80300000-7",
    "80420000-4",
    "80430000-7",
    "80511000-9",
    "80520000-5",
    "80590000-6",
    "92500000-6",
    "92600000-7",
    "98133000-4",
    "98133110-8",
)
ART361_CPV_RANGE: tuple[str, str] = ("85000000-9", "85323000-9")
#: Art. 361 Pzp: a reserved contract lasts at most 3 years.
ART361_MAX_MONTHS = 36

REASON_CHOSEN = _("the requester is considering it")
REASON_ART95 = _("required for services and works whose staff work as employees (art. 95 Pzp)")
REASON_GROUPS = _("the request names target groups to employ")
REASON_PES_NEARBY = _("the request names social economy entities nearby that could bid")
REASON_ART361_CPV = _("the CPV code is one of the social services listed in art. 361 Pzp")
NOT_ART361_CPV = _("no CPV code of the request is among the services listed in art. 361 Pzp")
NOT_ART361_TOO_LONG = _("a reserved contract may last at most 3 years (art. 361 Pzp)")
NOT_ART361_SERVICES = _("art. 361 Pzp reserves service contracts only")
NOT_ART242_SINGLE_SOURCE = _("single-source procurement has no award criteria")
NOT_ART95_SUPPLIES = _("art. 95 Pzp concerns services and works, not supplies")

#: A marker in a template, e.g. ``{przedmiot}``: filled in from the request (``clause_facts``).
_MARKER_RE = re.compile(r"\{([a-z_]+)\}")


def _digits(code: str) -> int | None:
    code = normalise_code(code or "")
    return int(code[:8]) if re.fullmatch(r"\d{8}-\d", code) else None


def _significant(code: str) -> str:
    """The code's 8 digits without the trailing zeros that mark its level in the tree."""
    return code[:8].rstrip("0")


def art361_cpv(code: str) -> bool:
    """Is ``code`` one of the services art. 361 sec. 1 Pzp lets an authority reserve?"""
    number = _digits(code)
    if number is None:
        return False
    first, last = (_digits(c) for c in ART361_CPV_RANGE)
    if first <= number <= last:
        return True
    digits = normalise_code(code)[:8]
    return any(digits.startswith(_significant(listed)) for listed in ART361_CPV_CODES)


def _months(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _codes(intake: dict) -> list[str]:
    codes = [intake["cpv_main"]] if intake.get("cpv_main") else []
    return codes + list(intake.get("cpv_additional") or [])


@dataclass(frozen=True, slots=True)
class Suggestion:
    clause_type: str
    suggested: bool
    reasons: tuple[str, ...]


def suggest_clause_types(intake: dict) -> list[Suggestion]:
    """Which clause types fit the request, with the reasons shown beside each, one per type.

    The rules, from the request's structured fields:
    * art. 95 (employment contracts) fits every service or works contract (the law requires
      it where the work is done as employment) and never a supplies contract;
    * art. 96 sec. 2 item 2 (employing people from listed groups) and art. 242 sec. 2 item 2
      (a social award criterion) fit when the request names target groups; art. 242 never
      fits single-source procurement, which has no competing offers;
    * art. 94 (reservation) fits when the request names target groups or known social
      economy entities nearby;
    * art. 361 (reserved social services) fits only a services contract of at most 36 months
      whose main or an additional CPV code is among the services art. 361 sec. 1 lists;
    * a type the requester chose is suggested unless a rule above excludes it.
    """
    chosen = set(intake.get("clause_types") or ())
    contract_type = intake.get("contract_type")
    has_groups = bool(intake.get("target_groups") or intake.get("people_to_employ"))
    duration = intake.get("duration_months")
    result = []
    for clause_type in TEMPLATE_CLAUSE_TYPES:
        reasons: list[str] = []
        excluded: list[str] = []
        if clause_type == ClauseType.EMPLOYMENT_CONTRACT_ART95:
            if contract_type == ContractType.SUPPLIES:
                excluded.append(str(NOT_ART95_SUPPLIES))
            elif contract_type:
                reasons.append(str(REASON_ART95))
        elif clause_type == ClauseType.EMPLOY_GROUPS_ART96:
            if has_groups:
                reasons.append(str(REASON_GROUPS))
        elif clause_type == ClauseType.AWARD_CRITERION_ART242:
            if intake.get("procedure_type") == ProcedureType.SINGLE_SOURCE:
                excluded.append(str(NOT_ART242_SINGLE_SOURCE))
            elif has_groups:
                reasons.append(str(REASON_GROUPS))
        elif clause_type == ClauseType.RESERVED_ART94:
            if has_groups:
                reasons.append(str(REASON_GROUPS))
            if intake.get("known_pes"):
                reasons.append(str(REASON_PES_NEARBY))
        elif clause_type == ClauseType.RESERVED_SERVICES_ART361:
            if contract_type and contract_type != ContractType.SERVICES:
                excluded.append(str(NOT_ART361_SERVICES))
            if not any(art361_cpv(code) for code in _codes(intake)):
                excluded.append(str(NOT_ART361_CPV))
            else:
                reasons.append(str(REASON_ART361_CPV))
            if _months(duration) > ART361_MAX_MONTHS:
                excluded.append(str(NOT_ART361_TOO_LONG))
        if clause_type in chosen:
            reasons.insert(0, str(REASON_CHOSEN))
        suggested = bool(reasons) and not excluded
        result.append(Suggestion(clause_type, suggested, tuple(reasons + excluded)))
    return result


# --- the templates --------------------------------------------------------------------------


def current_templates() -> dict[str, ClauseTemplate]:
    """The current (highest) version of each clause type's template.

    A type with no template at all (a database emptied after the seeding migration ran, as
    ``flush`` does) gets version 1 from ``clause_defaults`` first, so a clause can always be
    inserted."""
    latest = {}
    for template in ClauseTemplate.objects.order_by("clause_type", "version"):
        latest[template.clause_type] = template
    for row in DEFAULTS:
        if row["clause_type"] not in latest:
            latest[row["clause_type"]], _created = ClauseTemplate.objects.get_or_create(
                clause_type=row["clause_type"],
                version=1,
                defaults={k: v for k, v in row.items() if k != "clause_type"},
            )
    return latest


@transaction.atomic
def template_save(
    *, clause_type: str, title: str, legal_basis: str, text: str, actor: Any
) -> ClauseTemplate:
    """Save an edit as the next version of the type's template (old versions stay)."""
    # Lock the type's rows so two coordinators saving at once get consecutive versions.
    list(ClauseTemplate.objects.select_for_update().filter(clause_type=clause_type))
    last = ClauseTemplate.objects.filter(clause_type=clause_type).aggregate(v=Max("version"))["v"]
    return ClauseTemplate.objects.create(
        clause_type=clause_type,
        version=(last or 0) + 1,
        title=title,
        legal_basis=legal_basis,
        text=text,
        created_by=actor,
    )


def clause_facts(case, intake: dict) -> dict[str, str]:
    """The values of the markers a template may use, in Polish (the clauses are Polish text).

    A fact the request lacks becomes a bracketed gap for the advisor or the gmina to fill.
    """
    with translation.override("pl"):
        labels = dict(TargetGroup.choices)
        groups = [str(labels.get(g, g)) for g in intake.get("target_groups") or () if g != "other"]
        if intake.get("target_groups_other"):
            groups.append(intake["target_groups_other"])
    duration = intake.get("duration_months")
    lots = intake.get("lots_count")
    return {
        "zamawiajacy": case.requesting_organisation.name,
        "przedmiot": intake.get("contract_title") or case.title,
        "grupy_docelowe": "; ".join(groups) or "[wskazać grupy osób]",
        "liczba_osob": intake.get("people_to_employ") or "[liczba osób]",
        "czas_trwania": f"{duration} mies." if duration else "[okres realizacji]",
        "czesci": str(lots) if lots else "[liczba części]",
    }


def fill(text: str, facts: dict[str, str]) -> str:
    """The template text with its known markers filled in; anything else is left as typed."""
    return _MARKER_RE.sub(lambda m: facts.get(m.group(1), m.group(0)), text)


def clause_from_template(template: ClauseTemplate, facts: dict[str, str]) -> dict[str, str]:
    """The clause as the opinion keeps it: a copy, not a reference to the template."""
    return {
        "clause_type": template.clause_type,
        "title": template.title,
        "legal_basis": template.legal_basis,
        "text": fill(template.text, facts),
        "template_version": str(template.version),
    }


def clauses_insert(case, clauses: list[dict], clause_types) -> tuple[list[dict], list[str]]:
    """``clauses`` with the current templates of ``clause_types`` appended, in the opinion's
    order; a type already in the draft is not added twice. Returns (new list, types added)."""
    present = {c.get("clause_type") for c in clauses}
    templates = current_templates()
    facts = clause_facts(case, case.advisory.intake or {})
    added = []
    result = list(clauses)
    for clause_type in TEMPLATE_CLAUSE_TYPES:
        if clause_type in clause_types and clause_type not in present and clause_type in templates:
            result.append(clause_from_template(templates[clause_type], facts))
            added.append(clause_type)
    return result, added
