"""Choices of the advisory intake: topics and the closed lists their forms offer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """The five advisory areas of the ROPS."""

    SOCIAL_CLAUSES = "social_clauses", _("social clauses in public procurement")
    LOCAL_PLAN = "local_plan", _("local social economy development plan")
    SOCIAL_SERVICES = "social_services", _("social services")
    ACTIVE_INTEGRATION = "active_integration", _("active integration instruments")
    COOPERATION = "cooperation", _("cooperation and partnership")


class ContractType(models.TextChoices):
    SUPPLIES = "supplies", _("supplies (dostawy)")
    SERVICES = "services", _("services (usługi)")
    WORKS = "works", _("works (roboty budowlane)")


class ProcedureType(models.TextChoices):
    BASIC = "basic", _("basic procedure (tryb podstawowy)")
    OPEN = "open", _("open tender (przetarg nieograniczony)")
    RESTRICTED = "restricted", _("restricted tender (przetarg ograniczony)")
    NEGOTIATED_WITH_NOTICE = "negotiated_with_notice", _("negotiated procedure with notice")
    NEGOTIATED_WITHOUT_NOTICE = (
        "negotiated_without_notice",
        _("negotiated procedure without notice"),
    )
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("competitive dialogue")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("innovation partnership")
    SINGLE_SOURCE = "single_source", _("single-source procurement (zamówienie z wolnej ręki)")


class ClauseType(models.TextChoices):
    """Social clauses of the Public Procurement Law (Pzp) a contracting authority may use."""

    RESERVED_ART94 = "art94", _("reserved contract (art. 94 Pzp)")
    EMPLOYMENT_CONTRACT_ART95 = "art95", _("employment contract requirement (art. 95 Pzp)")
    EMPLOY_GROUPS_ART96 = (
        "art96",
        _("requirement to employ people from listed groups (art. 96 sec. 2 item 2 Pzp)"),
    )
    AWARD_CRITERION_ART242 = "art242", _("social award criterion (art. 242 sec. 2 item 2 Pzp)")
    RESERVED_SERVICES_ART361 = "art361", _("reserved social services contract (art. 361 Pzp)")
    LABELS_ART104 = "art104", _("labels (art. 104-106 Pzp)")
    ACCESSIBILITY_ART100 = "art100", _("accessibility requirements (art. 100 Pzp)")
    SUBCONTRACTING_PES = "subcontracting_pes", _("subcontracting to social economy entities")


class TargetGroup(models.TextChoices):
    """Groups at risk of social exclusion a clause or an instrument may serve.

    Drawn from art. 94 sec. 1 Pzp and the groups of the social economy act; "other" lets
    the requester name one we did not list.
    """

    UNEMPLOYED = "unemployed", _("unemployed people")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("long-term unemployed people")
    DISABLED = "disabled", _("people with disabilities")
    MENTAL_DISORDERS = "mental_disorders", _("people with mental disorders")
    JOB_SEEKERS_UNDER_30_OVER_50 = (
        "job_seekers_30_50",
        _("job seekers under 30 or over 50 years of age"),
    )
    HOMELESS = "homeless", _("homeless people")
    LEAVING_PRISON = "leaving_prison", _("people leaving prison")
    ADDICTION_RECOVERY = "addiction_recovery", _("people in addiction recovery")
    REFUGEES = "refugees", _("refugees and foreigners under international protection")
    LEAVING_FOSTER_CARE = "leaving_foster_care", _("young people leaving foster care")
    SOCIAL_ASSISTANCE = "social_assistance", _("people and families using social assistance")
    OTHER = "other", _("other (describe)")


class YesNo(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")


class ThresholdBand(models.TextChoices):
    """Which procurement regime an estimated value falls under."""

    BELOW_PZP = "below_pzp", _("below 130 000 zł net: the Pzp does not apply")
    NATIONAL = "national", _("from 130 000 zł net to below the EU threshold: national procedure")
    EU = "eu", _("at or above the EU threshold: EU procedure")


class LocalPlanStage(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    DIAGNOSIS = "diagnosis", _("diagnosis in progress")
    DRAFTING = "drafting", _("draft in preparation")
    CONSULTATION = "consultation", _("in public consultation")
    ADOPTION = "adoption", _("before adoption by the council")
    UPDATE = "update", _("adopted plan being updated")


class LocalPlanSection(models.TextChoices):
    """Typical sections of a local ES development plan (DOMAIN.md)."""

    INTRODUCTION = "introduction", _("introduction and legal basis")
    DIAGNOSIS = "diagnosis", _("diagnosis")
    SWOT = "swot", _("SWOT analysis")
    VISION_GOALS = "vision_goals", _("vision and goals")
    ACTIONS = "actions", _("actions")
    SCHEDULE_FUNDING = "schedule_funding", _("schedule, responsible bodies and funding")
    INDICATORS = "indicators", _("indicators and monitoring")
    CONSULTATION = "consultation", _("consultation and adoption")


class StrategyDocument(models.TextChoices):
    """Documents of the gmina a local plan must fit."""

    DEVELOPMENT_STRATEGY = "development_strategy", _("development strategy of the gmina")
    SOCIAL_PROBLEMS_STRATEGY = "social_problems_strategy", _("strategy for solving social problems")
    NGO_COOPERATION_PROGRAMME = "ngo_cooperation_programme", _("programme of cooperation with NGOs")
    REVITALISATION_PROGRAMME = "revitalisation_programme", _("revitalisation programme")
    OTHER = "other", _("other")


class SocialService(models.TextChoices):
    CARE = "care", _("care services at home")
    SPECIALISED_CARE = "specialised_care", _("specialised care services")
    RESPITE_CARE = "respite_care", _("respite care")
    PERSONAL_ASSISTANCE = "personal_assistance", _("personal assistance")
    MEALS = "meals", _("meals and catering")
    TRANSPORT = "transport", _("door-to-door transport")
    DAY_CARE = "day_care", _("day-care centres")
    SUPPORTED_HOUSING = "supported_housing", _("supported and training housing")
    NEIGHBOURLY = "neighbourly", _("neighbourly services")
    OTHER = "other", _("other")


class DeliveryModel(models.TextChoices):
    IN_HOUSE = "in_house", _("delivered by the municipality's own units")
    PROCURED = "procured", _("bought under public procurement")
    PUBLIC_TASK = "public_task", _("commissioned to NGOs as a public task")
    MIXED = "mixed", _("mixed")
    NOT_DELIVERED = "not_delivered", _("not delivered yet")


class ContractingRoute(models.TextChoices):
    PROCUREMENT = "procurement", _("public procurement (Pzp)")
    RESERVED_ART361 = "reserved_art361", _("contract reserved under art. 361 Pzp")
    OPEN_CALL = "open_call", _("open call for proposals (public benefit act)")
    SMALL_GRANT = "small_grant", _("small grant without a call (art. 19a public benefit act)")
    IN_HOUSE = "in_house", _("own unit or company")
    UNDECIDED = "undecided", _("not decided yet")


class Instrument(models.TextChoices):
    """Active-integration instruments and reintegration entities."""

    CIS = "cis", _("social integration centre (CIS)")
    KIS = "kis", _("social integration club (KIS)")
    ZAZ = "zaz", _("vocational activity establishment (ZAZ)")
    WTZ = "wtz", _("occupational therapy workshop (WTZ)")
    LEGAL_PERSONS_COOPERATIVE = (
        "legal_persons_cooperative",
        _("social cooperative of legal persons"),
    )
    SOCIAL_CONTRACT = "social_contract", _("social contract")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("supported employment")
    PUBLIC_WORKS = "public_works", _("public works and socially useful work")
    OTHER = "other", _("other")


class PartnerKind(models.TextChoices):
    OPS = "ops", _("social welfare centre (OPS)")
    PCPR = "pcpr", _("county family support centre (PCPR)")
    PUP = "pup", _("county labour office (PUP)")
    NGO = "ngo", _("non-governmental organisations")
    PES = "pes", _("social economy entities")
    OWES = "owes", _("social economy support centre (OWES)")
    BUSINESS = "business", _("businesses")
    SCHOOL_UNIVERSITY = "school_university", _("schools and universities")
    CHURCH = "church", _("church entities")
    OTHER_JST = "other_jst", _("other local government units")
    OTHER = "other", _("other")


class PartnershipForm(models.TextChoices):
    AGREEMENT = "agreement", _("cooperation agreement (porozumienie)")
    LOCAL_PARTNERSHIP = "local_partnership", _("standing local partnership")
    LEGAL_PERSONS_COOPERATIVE = (
        "legal_persons_cooperative",
        _("social cooperative of legal persons"),
    )
    JST_ASSOCIATION = "jst_association", _("association of local government units")
    INFORMAL = "informal", _("informal cooperation")
    UNDECIDED = "undecided", _("not decided yet")
