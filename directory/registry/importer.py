"""Import of registry entries from CSV or XLSX.

One row is one entity, matched to an existing organisation by NIP, then REGON, then KRS (so
every row needs at least one identifier, which makes a re-import find the same entry). An
empty cell leaves the field as it is. The whole file is applied in one transaction: a dry
run rolls it back and reports what would happen; a real run is rolled back too as soon as
one row is refused, so a file is imported entirely or not at all. Applying the same file
twice changes nothing the second time.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import PES_CATEGORY_OF_KIND, OrganisationKind, UnitKind
from ..models import Organisation, TerritorialUnit
from ..validators import normalise_digits, validate_krs, validate_nip, validate_regon
from . import pkd, services
from .constants import (
    AtRiskGroup,
    ChangeSource,
    PKDVersion,
    PSPurpose,
    RecordSource,
    Sector,
    SocialService,
)
from .models import RegistryEntry

COLUMNS = (
    "name", "short_name", "legal_form", "nip", "regon", "krs", "other_register",
    "registration_date", "street", "postal_code", "locality", "gmina_teryt", "email", "phone",
    "website", "pkd_version", "pkd_codes", "sectors", "social_services", "offer",
    "ready_for_public_contracts", "source", "last_verified", "published", "consent_address",
    "consent_contact", "consent_activity", "consent_employment", "consent_offer",
    "consent_ps_status", "founding_entity_nip", "employment_as_of", "employees", "fte",
    "at_risk", "ps_purpose", "ps_decision_number", "ps_decision_date", "ps_final_date",
    "ps_lost_on", "ps_loss_reason", "places",
)  # fmt: skip

FILE_UNREADABLE = gettext_lazy("The file could not be read as CSV (UTF-8) or XLSX.")
FILE_NO_NAME_COLUMN = gettext_lazy(
    "The first row must name the columns; a 'name' column is required."
)
FILE_EMPTY = gettext_lazy("The file has no rows to import.")
FILE_TOO_LARGE = gettext_lazy("The file has more than %(max)s rows.")
ROW_CONFLICT = gettext_lazy("The row conflicts with data already in the registry.")
MAX_ROWS = 5000

BOOLEAN_TRUE = {"1", "tak", "t", "yes", "y", "true", "x", "prawda"}
BOOLEAN_FALSE = {"0", "nie", "n", "no", "false", "fałsz", "falsz"}


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("created"),
    Action.UPDATE: gettext_lazy("updated"),
    Action.UNCHANGED: gettext_lazy("unchanged"),
    Action.REFUSED: gettext_lazy("refused"),
}
DRY_RUN_LABELS = {
    **ACTION_LABELS,
    Action.CREATE: gettext_lazy("would be created"),
    Action.UPDATE: gettext_lazy("would be updated"),
}


@dataclass
class RowResult:
    line: int
    name: str
    action: str = Action.UNCHANGED
    reasons: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the file as a whole
    applied: bool = False

    @property
    def refused(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == Action.REFUSED]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refused

    def labelled_rows(self) -> list[tuple[RowResult, str]]:
        labels = DRY_RUN_LABELS if self.dry_run or not self.applied else ACTION_LABELS
        return [(row, str(labels[row.action])) for row in self.rows]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


class FileError(Exception):
    pass


def read_rows(name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """``(line number, {column: text})`` of a CSV or XLSX file; line 1 is the header."""
    if name.lower().endswith(".xlsx") or content[:2] == b"PK":
        table = _read_xlsx(content)
    else:
        table = _read_csv(content)
    if not table or "name" not in [h.strip().lower() for h in table[0]]:
        raise FileError(str(FILE_NO_NAME_COLUMN))
    header = [h.strip().lower() for h in table[0]]
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = [_text(v, column) for v, column in zip(values, header, strict=False)]
        if not any(cells):
            continue
        rows.append(
            (number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
        )
    if not rows:
        raise FileError(str(FILE_EMPTY))
    if len(rows) > MAX_ROWS:
        raise FileError(str(FILE_TOO_LARGE) % {"max": MAX_ROWS})
    return rows


def _text(value: Any, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and column == "krs":
        return str(value).zfill(10)  # a spreadsheet stored the KRS as a number: zeros lost
    return str(value).strip()


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FileError(str(FILE_UNREADABLE)) from e
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a broken file
        raise FileError(str(FILE_UNREADABLE)) from e
    ws = wb.worksheets[0]
    return [[_xlsx_cell(c) for c in row] for row in ws.iter_rows(values_only=True)]


def _xlsx_cell(value: Any) -> Any:
    """Spreadsheets turn dates into dates and identifiers into numbers: make them text."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Polish names of the PES legal forms as they appear in registers and spreadsheets.
POLISH_FORMS = {
    "spółdzielnia socjalna": OrganisationKind.SOCIAL_COOPERATIVE,
    "warsztat terapii zajęciowej": OrganisationKind.WTZ,
    "wtz": OrganisationKind.WTZ,
    "zakład aktywności zawodowej": OrganisationKind.ZAZ,
    "zaz": OrganisationKind.ZAZ,
    "centrum integracji społecznej": OrganisationKind.CIS,
    "klub integracji społecznej": OrganisationKind.KIS,
    "spółdzielnia pracy": OrganisationKind.WORKERS_COOPERATIVE,
    "spółdzielnia inwalidów": OrganisationKind.DISABLED_COOPERATIVE,
    "spółdzielnia niewidomych": OrganisationKind.BLIND_COOPERATIVE,
    "spółdzielnia produkcji rolnej": OrganisationKind.AGRICULTURAL_COOPERATIVE,
    "stowarzyszenie": OrganisationKind.ASSOCIATION,
    "stowarzyszenie zwykłe": OrganisationKind.ORDINARY_ASSOCIATION,
    "fundacja": OrganisationKind.FOUNDATION,
    "związek stowarzyszeń": OrganisationKind.UNION_OF_ASSOCIATIONS,
    "koło gospodyń wiejskich": OrganisationKind.RURAL_WOMENS_CIRCLE,
    "ochotnicza straż pożarna": OrganisationKind.VOLUNTEER_FIRE_BRIGADE,
    "kościelna osoba prawna": OrganisationKind.CHURCH_ENTITY,
    "stowarzyszenie jst": OrganisationKind.JST_ASSOCIATION,
    "spółka non-profit": OrganisationKind.NONPROFIT_COMPANY,
}


def _kinds() -> dict[str, str]:
    """Legal forms by their code or their Polish or English name, folded."""
    found = {name: kind.value for name, kind in POLISH_FORMS.items()}
    for kind in OrganisationKind:
        if kind not in PES_CATEGORY_OF_KIND:
            continue
        found[kind.value] = kind.value
        for language in ("pl", "en"):
            with translation.override(language):
                found[str(kind.label).lower()] = kind.value
    return found


def _bool(value: str, column: str, reasons: list[str]) -> bool | None:
    v = value.strip().lower()
    if v in BOOLEAN_TRUE:
        return True
    if v in BOOLEAN_FALSE:
        return False
    reasons.append(
        _("%(column)s: expected yes or no, got “%(value)s”.") % {"column": column, "value": value}
    )
    return None


def _date(value: str, column: str, reasons: list[str]) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        reasons.append(
            _("%(column)s: expected a date YYYY-MM-DD, got “%(value)s”.")
            % {"column": column, "value": value}
        )
        return None


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]


class _Row:
    """One parsed row: the values to set and the reasons to refuse it."""

    def __init__(self, line: int, raw: dict[str, str], kinds: dict[str, str], gminas: dict):
        self.line, self.raw = line, raw
        self.reasons: list[str] = []
        self.organisation: dict[str, Any] = {}
        self.entry: dict[str, Any] = {}
        self.pkd: list[tuple[str, str, bool]] | None = None
        self.employment: tuple[datetime.date, int, Decimal, dict[str, int]] | None = None
        self.ps: dict[str, Any] | None = None
        self.places: list[services.Place] | None = None
        self.identifiers: dict[str, str] = {}
        self._parse(kinds, gminas)

    def get(self, column: str) -> str:
        return (self.raw.get(column) or "").strip()

    def _parse(self, kinds, gminas) -> None:
        r = self.reasons
        name = self.get("name")
        if not name:
            r.append(_("name: required."))
        else:
            self.organisation["name"] = name
        if self.get("short_name"):
            self.organisation["short_name"] = self.get("short_name")
        form = self.get("legal_form")
        if form:
            kind = kinds.get(form.lower())
            if kind is None:
                r.append(_("legal_form: unknown legal form “%(value)s”.") % {"value": form})
            else:
                self.organisation["kind"] = kind
        for column, validate in (
            ("nip", validate_nip),
            ("regon", validate_regon),
            ("krs", validate_krs),
        ):
            value = self.get(column)
            if not value:
                continue
            value = normalise_digits(value) if column != "krs" else value
            try:
                validate(value)
            except ValidationError as e:
                r.append(f"{column} “{self.get(column)}”: {' '.join(str(m) for m in e.messages)}")
                continue
            self.organisation[column] = value
            self.identifiers[column] = value
        if not self.identifiers and not any(self.get(c) for c in ("nip", "regon", "krs")):
            r.append(_("Give a NIP, REGON or KRS so the entity can be found again."))
        teryt = self.get("gmina_teryt")
        if teryt:
            gmina = gminas.get(teryt)
            if gmina is None:
                r.append(_("gmina_teryt: unknown gmina TERYT code “%(value)s”.") % {"value": teryt})
            else:
                self.organisation["gmina"] = gmina
        for column in ("street", "postal_code", "locality", "email", "phone", "website"):
            if self.get(column):
                self.organisation[column] = self.get(column)
        for column in ("other_register", "offer"):
            if self.get(column):
                self.entry[column] = self.get(column)
        if self.get("registration_date"):
            self.entry["registration_date"] = _date(
                self.get("registration_date"), "registration_date", r
            )
        if self.get("last_verified"):
            self.entry["last_verified_on"] = _date(self.get("last_verified"), "last_verified", r)
        source = self.get("source") or RecordSource.IMPORT
        if source not in RecordSource.values:
            r.append(_("source: unknown record source “%(value)s”.") % {"value": source})
        else:
            self.entry["source"] = source
        for column, choices in (("sectors", Sector), ("social_services", SocialService)):
            if self.get(column):
                values = _list(self.get(column))
                unknown = [v for v in values if v not in choices.values]
                if unknown:
                    r.append(
                        _("%(column)s: unknown value(s) %(values)s.")
                        % {"column": column, "values": ", ".join(unknown)}
                    )
                else:
                    self.entry[column] = sorted(set(values))
        columns = ["ready_for_public_contracts", "published"] + [
            c for c in COLUMNS if c.startswith("consent_")
        ]
        for column in columns:
            if self.get(column):
                value = _bool(self.get(column), column, r)
                if value is not None:
                    self.entry[column] = value
        codes = _list(self.get("pkd_codes").replace(" ", ";"))
        if codes:
            version = self.get("pkd_version") or PKDVersion.PKD2025
            if version not in PKDVersion.values:
                r.append(
                    _("pkd_version: expected 2007 or 2025, got “%(value)s”.") % {"value": version}
                )
            else:
                bad = [c for c in codes if not pkd.is_valid(c, version)]
                if bad:
                    r.append(
                        _("pkd_codes: unknown PKD %(version)s code(s) %(codes)s.")
                        % {"version": version, "codes": ", ".join(bad)}
                    )
                else:
                    self.pkd = [(version, c, i == 0) for i, c in enumerate(dict.fromkeys(codes))]
        founder = self.get("founding_entity_nip")
        if founder:
            org = Organisation.objects.filter(nip=normalise_digits(founder)).first()
            if org is None:
                r.append(
                    _("founding_entity_nip: no organisation with NIP “%(value)s”.")
                    % {"value": founder}
                )
            else:
                self.entry["founding_entity"] = org
        if self.get("employment_as_of"):
            self._parse_employment()
        if self.get("ps_decision_number"):
            self._parse_ps()
        if self.get("places"):
            self._parse_places(gminas)

    def _parse_places(self, gminas) -> None:
        places = []
        for item in [p.strip() for p in self.get("places").split(";") if p.strip()]:
            teryt, _sep, rest = item.partition("|")
            locality, _sep, street = rest.partition("|")
            gmina = gminas.get(teryt.strip())
            if gmina is None or not locality.strip():
                self.reasons.append(
                    _("places: expected gmina TERYT|locality|street, got “%(value)s”.")
                    % {"value": item}
                )
                return
            places.append(services.Place(locality.strip(), gmina, street.strip()))
        self.places = places

    def _parse_ps(self) -> None:
        r = self.reasons
        purpose = self.get("ps_purpose") or PSPurpose.REINTEGRATION
        if purpose not in PSPurpose.values:
            r.append(_("ps_purpose: unknown purpose “%(value)s”.") % {"value": purpose})
        ps = {
            "purpose": purpose,
            "decision_number": self.get("ps_decision_number"),
            "decision_date": _date(self.get("ps_decision_date"), "ps_decision_date", r),
            "final_date": (
                _date(self.get("ps_final_date"), "ps_final_date", r)
                if self.get("ps_final_date")
                else None
            ),
            "lost_on": (
                _date(self.get("ps_lost_on"), "ps_lost_on", r) if self.get("ps_lost_on") else None
            ),
            "loss_reason": self.get("ps_loss_reason"),
        }
        if ps["lost_on"] and not ps["loss_reason"]:
            r.append(_("ps_loss_reason: required with ps_lost_on."))
        if not r:
            self.ps = ps

    def _parse_employment(self) -> None:
        r = self.reasons
        as_of = _date(self.get("employment_as_of"), "employment_as_of", r)
        try:
            headcount = int(self.get("employees"))
            fte = Decimal(self.get("fte").replace(",", ".") or "0")
            if headcount < 0 or fte < 0 or not fte.is_finite():
                raise ValueError
        except (ValueError, ArithmeticError):
            r.append(_("employees, fte: expected numbers of people and of full-time jobs."))
            return
        at_risk = {}
        for item in _list(self.get("at_risk")):
            group, _sep, number = item.partition("=")
            if group.strip() not in AtRiskGroup.values or not number.strip().isdigit():
                r.append(
                    _("at_risk: expected group=number, e.g. disabled=3; got “%(value)s”.")
                    % {"value": item}
                )
                return
            at_risk[group.strip()] = int(number)
        if as_of is not None:
            self.employment = (as_of, headcount, fte, at_risk)


def _find(identifiers: dict[str, str]) -> tuple[Organisation | None, str]:
    """The organisation the identifiers point at, or a reason why they disagree."""
    found = {}
    for column in ("nip", "regon", "krs"):
        if column in identifiers:
            org = Organisation.objects.filter(**{column: identifiers[column]}).first()
            if org is not None:
                found[column] = org
    orgs = {o.pk for o in found.values()}
    if len(orgs) > 1:
        return None, _("The NIP, REGON and KRS belong to different entities in the registry.")
    return (next(iter(found.values())) if found else None), ""


def _apply(row: _Row, actor) -> RowResult:
    result = RowResult(line=row.line, name=row.get("name"))
    org, problem = _find(row.identifiers)
    if problem:
        result.action, result.reasons = Action.REFUSED, [problem]
        return result
    if org is None:
        if "kind" not in row.organisation:
            result.action, result.reasons = (
                Action.REFUSED,
                [_("legal_form: required for a new entity.")],
            )
            return result
        entry = services.registry_entry_create(
            organisation=row.organisation,
            entry={"published": False, **row.entry},
            pkd_codes=row.pkd or (),
            actor=actor,
            source=ChangeSource.IMPORT,
        )
        _apply_employment(entry, row, actor)
        _apply_ps(entry, row, actor)
        if row.places:
            services.registry_places_set(
                entry=entry, places=row.places, actor=actor, source=ChangeSource.IMPORT
            )
        result.action = Action.CREATE
        return result
    entry = RegistryEntry.objects.filter(pk=org.pk).select_related("organisation").first()
    if entry is None:
        if org.kind not in PES_CATEGORY_OF_KIND and "kind" not in row.organisation:
            result.action, result.reasons = Action.REFUSED, [str(services.NOT_A_PES)]
            return result
        entry = services.registry_entry_attach(organisation=org)
        result.action = Action.CREATE
    before = services.current_values(entry, [*row.organisation, *row.entry])
    changes = {k: v for k, v in {**row.organisation, **row.entry}.items() if before[k] != v}
    old_pkd = sorted((p.version, p.code, p.is_main) for p in entry.pkd_codes.all())
    if changes:
        services.registry_entry_update(
            entry=entry, changes=changes, actor=actor, source=ChangeSource.IMPORT
        )
    if row.pkd is not None and sorted(row.pkd) != old_pkd:
        services.registry_pkd_set(
            entry=entry, codes=row.pkd, actor=actor, source=ChangeSource.IMPORT
        )
        changes["pkd"] = row.pkd
    if _apply_employment(entry, row, actor):
        changes["employment"] = row.employment
    if _apply_ps(entry, row, actor):
        changes["ps_status"] = row.ps
    if row.places is not None and services.registry_places_set(
        entry=entry, places=row.places, actor=actor, source=ChangeSource.IMPORT
    ):
        changes["places"] = row.places
    if changes and result.action != Action.CREATE:
        result.action = Action.UPDATE
    result.changes = sorted(changes)
    return result


def _apply_employment(entry: RegistryEntry, row: _Row, actor) -> bool:
    """Record the row's employment figure unless the same one is already there."""
    if row.employment is None:
        return False
    as_of, headcount, fte, at_risk = row.employment
    current = entry.employment.filter(as_of=as_of).first()
    if current and (current.headcount, current.fte, current.at_risk) == (headcount, fte, at_risk):
        return False
    services.registry_employment_record(
        entry=entry,
        as_of=as_of,
        headcount=headcount,
        fte=fte,
        at_risk=at_risk,
        actor=actor,
        source=ChangeSource.IMPORT,
    )
    return True


def _apply_ps(entry: RegistryEntry, row: _Row, actor) -> bool:
    """Record the row's PS decision (and its loss) unless already recorded; the decision
    number identifies the period."""
    if row.ps is None:
        return False
    ps = row.ps
    changed = False
    period = entry.ps_periods.filter(decision_number=ps["decision_number"]).first()
    if period is None:
        period = services.registry_ps_grant(
            entry=entry,
            purpose=ps["purpose"],
            decision_number=ps["decision_number"],
            decision_date=ps["decision_date"],
            final_date=ps["final_date"],
            actor=actor,
            source=ChangeSource.IMPORT,
        )
        changed = True
    if ps["lost_on"] and period.lost_on is None:
        services.registry_ps_lose(
            entry=entry,
            lost_on=ps["lost_on"],
            reason=ps["loss_reason"],
            actor=actor,
            source=ChangeSource.IMPORT,
        )
        changed = True
    return changed


class _Rollback(Exception):
    pass


def registry_import(
    *, rows: list[tuple[int, dict[str, str]]], actor=None, dry_run: bool = True
) -> ImportReport:
    """Apply parsed rows; all or nothing. A dry run reports and stores nothing."""
    report = ImportReport(dry_run=dry_run)
    kinds = _kinds()
    gminas = {u.code: u for u in TerritorialUnit.objects.filter(kind=UnitKind.GMINA)}
    seen: dict[tuple[str, str], int] = {}
    parsed = []
    for line, raw in rows:
        row = _Row(line, raw, kinds, gminas)
        for column, value in row.identifiers.items():
            if (column, value) in seen:
                row.reasons.append(
                    _("%(column)s %(value)s: duplicate identifier, already on line %(line)s.")
                    % {"column": column, "value": value, "line": seen[(column, value)]}
                )
            else:
                seen[(column, value)] = line
        parsed.append(row)
    try:
        with transaction.atomic():
            for row in parsed:
                if row.reasons:
                    report.rows.append(
                        RowResult(row.line, row.get("name"), Action.REFUSED, row.reasons)
                    )
                    continue
                try:
                    with transaction.atomic():
                        report.rows.append(_apply(row, actor))
                except ValidationError as e:
                    report.rows.append(
                        RowResult(row.line, row.get("name"), Action.REFUSED, _messages(e))
                    )
                except IntegrityError:
                    report.rows.append(
                        RowResult(row.line, row.get("name"), Action.REFUSED, [str(ROW_CONFLICT)])
                    )
            if dry_run or not report.ok:
                raise _Rollback
            report.applied = True
    except _Rollback:
        pass
    return report


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{f}: {' '.join(str(m) for m in errs)}" for f, errs in error.message_dict.items()]
    return [str(m) for m in error.messages]


def registry_import_file(
    *, name: str, content: bytes, actor=None, dry_run: bool = True
) -> ImportReport:
    """Read a CSV or XLSX file and import it (see ``registry_import``)."""
    try:
        rows = read_rows(name, content)
    except FileError as e:
        return ImportReport(dry_run=dry_run, errors=[str(e)])
    return registry_import(rows=rows, actor=actor, dry_run=dry_run)
