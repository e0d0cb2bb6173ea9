"""The rows of the portal's registry search. What the public may see of an entry is decided
in ``directory.registry.public`` (``public_entries``, ``PublicProfile``); a row here shows
the same field groups under the same consents, read for a whole page at once."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from directory.constants import OrganisationKind


class PublicListItem:
    """A row of the public list: the fields ``PublicProfile`` would show for it, under the
    same consents, read from the entry and its organisation alone: ``COLUMNS`` (name →
    field path) is what the search page reads for each row (``values()``).

    The PS status is the entry's ``is_social_enterprise`` flag, which the services keep
    in step with the status periods and which the PS filter already uses; the powiat is
    named from ``powiat_names`` (code → name) by the entry's ``powiat_code``."""

    COLUMNS = {
        "pk": "pk",
        "name": "organisation__name",
        "kind": "organisation__kind",
        "locality": "organisation__locality",
        "powiat_code": "powiat_code",
        "offer": "offer",
        "ready": "ready_for_public_contracts",
        "is_ps": "is_social_enterprise",
        "consent_address": "consent_address",
        "consent_offer": "consent_offer",
        "consent_ps_status": "consent_ps_status",
    }

    def __init__(self, row: dict, powiat_names: dict[str, str], url: str):
        self.pk = row["pk"]
        self.name = row["name"]
        self.url = url
        self.legal_form = OrganisationKind(row["kind"]).label if row["kind"] else ""
        self.locality = self.powiat = ""
        if row["consent_address"]:
            self.locality = row["locality"]
            self.powiat = powiat_names.get(row["powiat_code"], "")
        self.is_social_enterprise = bool(row["consent_ps_status"] and row["is_ps"])
        self.offer = None
        if row["consent_offer"]:
            self.offer = {"text": row["offer"], "ready_for_public_contracts": row["ready"]}
        self.ready_for_public_contracts = bool(self.offer and row["ready"])
        #: The offer, its first 30 words.
        self.summary = Truncator(row["offer"]).words(30) if self.offer else ""

    def __getitem__(self, name):
        # Templates try ``row[name]`` before ``row.name``: answer the first try.
        return getattr(self, name)

    @property
    def meta(self) -> str:
        """ "legal form · locality · powiat X", what is known of it."""
        parts = [str(self.legal_form), self.locality]
        if self.powiat:
            parts.append(gettext("powiat %(name)s") % {"name": self.powiat})
        return " · ".join(p for p in parts if p)

    @classmethod
    def rows(cls, rows: list[dict], powiat_names: dict[str, str]) -> list["PublicListItem"]:
        # One reverse() for the page: the profiles' URLs differ only by the key.
        head, _zero, tail = reverse("portal:registry-entry", args=[0]).rpartition("/0/")
        return [cls(row, powiat_names, f"{head}/{row['pk']}/{tail}") for row in rows]
