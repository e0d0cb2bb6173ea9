from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    VOIVODESHIP = "voivodeship", _("voivodeship")
    POWIAT = "powiat", _("powiat")
    GMINA = "gmina", _("gmina")


class GminaType(models.TextChoices):
    """TERC ``RODZ`` of a gmina (1 urban, 2 rural, 3 urban-rural)."""

    URBAN = "urban", _("urban gmina")
    RURAL = "rural", _("rural gmina")
    URBAN_RURAL = "urban-rural", _("urban-rural gmina")


class PowiatType(models.TextChoices):
    LAND = "land_powiat", _("land powiat")
    CITY = "city_powiat", _("city with powiat rights")


class OrganisationKind(models.TextChoices):
    # Public bodies and their units
    GMINA = "gmina", _("gmina (municipality)")
    POWIAT = "powiat", _("powiat (county)")
    VOIVODESHIP = "voivodeship", _("voivodeship self-government")
    OPS = "ops", _("municipal social welfare centre (OPS)")
    PCPR = "pcpr", _("county family support centre (PCPR)")
    PUP = "pup", _("county labour office (PUP)")
    MUNICIPAL_UNIT = "municipal_unit", _("other local government unit")
    ROPS = "rops", _("regional social policy centre (ROPS)")
    OWES = "owes", _("social economy support centre (OWES)")
    COMMITTEE = "committee", _("Regional Committee for Social Economy Development (RKRES)")
    #: A thematic group of the committee (committee/): its members work in it, but a group
    #: membership gives no esflow role of its own (they decide nothing alone).
    THEMATIC_GROUP = "thematic_group", _("thematic group of the committee")
    # PES legal forms, UES art. 2 pkt 5
    SOCIAL_COOPERATIVE = "social_cooperative", _("social cooperative")
    WTZ = "wtz", _("occupational therapy workshop (WTZ)")
    ZAZ = "zaz", _("vocational activity establishment (ZAZ)")
    CIS = "cis", _("social integration centre (CIS)")
    KIS = "kis", _("social integration club (KIS)")
    WORKERS_COOPERATIVE = "workers_cooperative", _("workers' cooperative")
    DISABLED_COOPERATIVE = "disabled_cooperative", _("cooperative of disabled people")
    BLIND_COOPERATIVE = "blind_cooperative", _("cooperative of blind people")
    AGRICULTURAL_COOPERATIVE = "agricultural_cooperative", _("agricultural production cooperative")
    ASSOCIATION = "association", _("association")
    ORDINARY_ASSOCIATION = "ordinary_association", _("ordinary association")
    FOUNDATION = "foundation", _("foundation")
    UNION_OF_ASSOCIATIONS = "union_of_associations", _("union of associations")
    RURAL_WOMENS_CIRCLE = "kgw", _("rural women's circle (KGW)")
    VOLUNTEER_FIRE_BRIGADE = "osp", _("volunteer fire brigade (OSP)")
    CHURCH_ENTITY = "church_entity", _("church legal person")
    JST_ASSOCIATION = "jst_association", _("association of local government units")
    NONPROFIT_COMPANY = "nonprofit_company", _("non-profit company or sports club")
    # Others
    UNIVERSITY = "university", _("university")
    BUSINESS = "business", _("business")
    OTHER = "other", _("other")


#: Organisations whose members are "municipality" users: a gmina, powiat or one of their units.
MUNICIPAL_KINDS = frozenset(
    {
        OrganisationKind.GMINA,
        OrganisationKind.POWIAT,
        OrganisationKind.OPS,
        OrganisationKind.PCPR,
        OrganisationKind.PUP,
        OrganisationKind.MUNICIPAL_UNIT,
    }
)

#: Organisations that may employ advisors.
STAFF_KINDS = frozenset({OrganisationKind.ROPS, OrganisationKind.OWES})


class PESCategory(models.TextChoices):
    """The letter of UES art. 2 pkt 5 under which an entity is a PES."""

    A = "a", _("a) social cooperative")
    B = "b", _("b) WTZ or ZAZ")
    C = "c", _("c) CIS or KIS")
    D = "d", _("d) workers', disabled, blind or agricultural cooperative")
    E = "e", _("e) non-governmental organisation")
    F = "f", _("f) church legal person, JST association or non-profit company")


PES_CATEGORY_OF_KIND = {
    OrganisationKind.SOCIAL_COOPERATIVE: PESCategory.A,
    OrganisationKind.WTZ: PESCategory.B,
    OrganisationKind.ZAZ: PESCategory.B,
    OrganisationKind.CIS: PESCategory.C,
    OrganisationKind.KIS: PESCategory.C,
    OrganisationKind.WORKERS_COOPERATIVE: PESCategory.D,
    OrganisationKind.DISABLED_COOPERATIVE: PESCategory.D,
    OrganisationKind.BLIND_COOPERATIVE: PESCategory.D,
    OrganisationKind.AGRICULTURAL_COOPERATIVE: PESCategory.D,
    OrganisationKind.ASSOCIATION: PESCategory.E,
    OrganisationKind.ORDINARY_ASSOCIATION: PESCategory.E,
    OrganisationKind.FOUNDATION: PESCategory.E,
    OrganisationKind.UNION_OF_ASSOCIATIONS: PESCategory.E,
    OrganisationKind.RURAL_WOMENS_CIRCLE: PESCategory.E,
    OrganisationKind.VOLUNTEER_FIRE_BRIGADE: PESCategory.E,
    OrganisationKind.CHURCH_ENTITY: PESCategory.F,
    OrganisationKind.JST_ASSOCIATION: PESCategory.F,
    OrganisationKind.NONPROFIT_COMPANY: PESCategory.F,
}

#: PES forms that are not legal persons and are linked to a founding entity (DOMAIN.md).
FOUNDED_KINDS = frozenset(
    {OrganisationKind.WTZ, OrganisationKind.ZAZ, OrganisationKind.CIS, OrganisationKind.KIS}
)


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    ADVISOR = "advisor", _("advisor")
    COORDINATOR = "coordinator", _("coordinator")
    CHAIR = "chair", _("chair")
    # The roles in a body (the committee or a thematic group; committee/).
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    #: Present at meetings without a vote (and without the committee's rights).
    OBSERVER = "observer", _("observer")


#: Membership roles that exist only in a body (the committee or a thematic group).
BODY_ROLES = frozenset(
    {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.SECRETARY,
        MembershipRole.OBSERVER,
    }
)
#: The organisation kinds that are bodies (committee/).
BODY_KINDS = frozenset({OrganisationKind.COMMITTEE, OrganisationKind.THEMATIC_GROUP})


class Role(models.TextChoices):
    """What a user is in esflow, derived from their current memberships."""

    MUNICIPALITY = "municipality", _("municipality")
    ORGANISATION = "organisation", _("organisation")
    ADVISOR = "advisor", _("advisor")
    COORDINATOR = "coordinator", _("coordinator")
    COMMITTEE = "committee", _("committee member")
