"""Reading TERYT (TERC) files: the CSVs shipped in ``directory/data/teryt/`` or an official GUS
TERC export. Parsing only: every line is checked before anything is written, so a bad file
is refused as a whole with the number of its first bad line.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import GminaType, PowiatType, UnitKind

DATA_DIR = Path(__file__).resolve().parent / "data" / "teryt"

TERC_COLUMNS = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]

REGION_INVALID = gettext_lazy("The region must be a two-digit voivodeship code, e.g. 26.")
NO_SHIPPED_FILES = gettext_lazy(
    "No TERYT files are shipped for voivodeship %(region)s. Load the official GUS TERC file "
    "with --file."
)
FILE_UNREADABLE = gettext_lazy("The file cannot be read: %(error)s")
FILE_ENCODING = gettext_lazy("The file is neither UTF-8 nor Windows-1250 text.")
BAD_HEADER = gettext_lazy("%(file)s, line 1: expected the columns %(expected)s, found %(found)s.")
BAD_LINE = gettext_lazy("%(file)s, line %(line)d: %(problem)s")
NOTHING_FOR_REGION = gettext_lazy("%(file)s holds no units of voivodeship %(region)s.")

# Problems within one line (used inside BAD_LINE).
P_FIELD_COUNT = gettext_lazy("expected %(expected)d fields, found %(found)d.")
P_CODE = gettext_lazy("“%(value)s” is not a valid %(column)s code.")
P_NAME = gettext_lazy("the name is empty.")
P_KIND = gettext_lazy("unknown kind “%(value)s”.")
P_RODZ = gettext_lazy("unknown gmina type (RODZ) “%(value)s”.")
P_DUPLICATE = gettext_lazy("the code %(code)s appears twice.")
P_PARENT = gettext_lazy("the parent unit %(code)s of %(child)s is not in the file.")
P_POWIAT_OF = gettext_lazy("the gmina %(code)s does not lie in powiat %(powiat)s.")

# TERC RODZ of gminas; 4/5 (town and rural part of an urban-rural gmina) and 8/9 (districts
# and delegations of big cities) are parts of gminas, not gminas, and are skipped.
RODZ_TO_GMINA_TYPE = {"1": GminaType.URBAN, "2": GminaType.RURAL, "3": GminaType.URBAN_RURAL}
RODZ_SKIPPED = {"4", "5", "8", "9"}
SHIPPED_POWIAT_KINDS = {
    "land_powiat": PowiatType.LAND,
    "city_with_powiat_rights": PowiatType.CITY,
    "city_powiat": PowiatType.CITY,
}


class TerytFileError(Exception):
    """A file was refused; ``str()`` is the translated message for the user."""


@dataclass(frozen=True)
class Unit:
    code: str
    kind: str
    subtype: str
    name: str
    parent_code: str | None
    line: int = 0
    source: str = ""


def validate_region(region: str) -> str:
    region = (region or "").strip()
    if not re.fullmatch(r"\d{2}", region):
        raise TerytFileError(str(REGION_INVALID))
    return region


def decode(raw: bytes) -> str:
    """GUS has published TERC as UTF-8 (with or without BOM) and as Windows-1250."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1250")
    except UnicodeDecodeError as e:
        raise TerytFileError(str(FILE_ENCODING)) from e


def read_text(path: Path) -> str:
    try:
        return decode(Path(path).read_bytes())
    except OSError as e:
        raise TerytFileError(_(FILE_UNREADABLE) % {"error": e.strerror or e}) from e


def _line_error(source: str, line: int, problem: str) -> TerytFileError:
    return TerytFileError(_(BAD_LINE) % {"file": source, "line": line, "problem": problem})


def _rows(text: str, source: str, delimiter: str, expected_header: list[str]):
    """Yield (line number, fields) after checking the header; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = None
    for fields in reader:
        line = reader.line_num
        if header is None:
            header = [f.strip().lstrip("\ufeff") for f in fields]
            if [h.upper() for h in header] != [h.upper() for h in expected_header]:
                raise TerytFileError(
                    _(BAD_HEADER)
                    % {
                        "file": source,
                        "expected": delimiter.join(expected_header),
                        "found": delimiter.join(header) or "—",
                    }
                )
            continue
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(expected_header):
            raise _line_error(
                source,
                line,
                _(P_FIELD_COUNT) % {"expected": len(expected_header), "found": len(fields)},
            )
        yield line, [f.strip() for f in fields]
    if header is None:
        raise TerytFileError(
            _(BAD_HEADER)
            % {"file": source, "expected": delimiter.join(expected_header), "found": "—"}
        )


def _check_code(source, line, value, digits, column):
    if not re.fullmatch(rf"\d{{{digits}}}", value):
        raise _line_error(source, line, _(P_CODE) % {"value": value, "column": column})


def _check_name(source, line, value):
    if not value:
        raise _line_error(source, line, str(P_NAME))


def parse_terc(text: str, *, region: str, source: str = "TERC") -> list[Unit]:
    """Units of one voivodeship from an official GUS TERC CSV (``WOJ;POW;GMI;RODZ;…``)."""
    units = []
    for line, (woj, pow_, gmi, rodz, name, name_extra, _stan_na) in _rows(
        text, source, ";", TERC_COLUMNS
    ):
        _check_code(source, line, woj, 2, "WOJ")
        if pow_:
            _check_code(source, line, pow_, 2, "POW")
        if gmi:
            if not pow_:
                raise _line_error(source, line, _(P_CODE) % {"value": "", "column": "POW"})
            _check_code(source, line, gmi, 2, "GMI")
            if rodz not in RODZ_TO_GMINA_TYPE and rodz not in RODZ_SKIPPED:
                raise _line_error(source, line, _(P_RODZ) % {"value": rodz})
        _check_name(source, line, name)
        if woj != region:
            continue
        if not pow_:
            units.append(Unit(woj, UnitKind.VOIVODESHIP, "", name.lower(), None, line, source))
        elif not gmi:
            city = "miasto na prawach powiatu" in name_extra.lower() or int(pow_) >= 61
            subtype = PowiatType.CITY if city else PowiatType.LAND
            units.append(Unit(woj + pow_, UnitKind.POWIAT, subtype, name, woj, line, source))
        elif rodz in RODZ_TO_GMINA_TYPE:
            units.append(
                Unit(
                    woj + pow_ + gmi + rodz,
                    UnitKind.GMINA,
                    RODZ_TO_GMINA_TYPE[rodz],
                    name,
                    woj + pow_,
                    line,
                    source,
                )
            )
    if not units:
        raise TerytFileError(_(NOTHING_FOR_REGION) % {"file": source, "region": region})
    return check_tree(units)


def shipped_files(region: str) -> tuple[Path, Path, Path]:
    files = (
        DATA_DIR / "wojewodztwa.csv",
        DATA_DIR / f"powiaty_{region}.csv",
        DATA_DIR / f"gminy_{region}.csv",
    )
    if not all(f.exists() for f in files):
        raise TerytFileError(_(NO_SHIPPED_FILES) % {"region": region})
    return files


def parse_shipped(*, region: str, directory: Path | None = None) -> list[Unit]:
    """Units of one voivodeship from the CSVs shipped with the project."""
    if directory is None:
        voiv_path, pow_path, gmi_path = shipped_files(region)
    else:
        voiv_path = directory / "wojewodztwa.csv"
        pow_path = directory / f"powiaty_{region}.csv"
        gmi_path = directory / f"gminy_{region}.csv"
    units: list[Unit] = []
    for line, (code, name) in _rows(read_text(voiv_path), voiv_path.name, ",", ["teryt", "name"]):
        _check_code(voiv_path.name, line, code, 2, "teryt")
        _check_name(voiv_path.name, line, name)
        if code == region:
            units.append(Unit(code, UnitKind.VOIVODESHIP, "", name, None, line, voiv_path.name))
    src = pow_path.name
    for line, (code, name, kind) in _rows(read_text(pow_path), src, ",", ["teryt", "name", "kind"]):
        _check_code(src, line, code, 4, "teryt")
        _check_name(src, line, name)
        if kind not in SHIPPED_POWIAT_KINDS:
            raise _line_error(src, line, _(P_KIND) % {"value": kind})
        units.append(
            Unit(code, UnitKind.POWIAT, SHIPPED_POWIAT_KINDS[kind], name, code[:2], line, src)
        )
    src = gmi_path.name
    for line, (code, name, kind, powiat) in _rows(
        read_text(gmi_path), src, ",", ["teryt", "name", "kind", "powiat_teryt"]
    ):
        _check_code(src, line, code, 7, "teryt")
        _check_code(src, line, powiat, 4, "powiat_teryt")
        _check_name(src, line, name)
        if kind not in GminaType.values:
            raise _line_error(src, line, _(P_KIND) % {"value": kind})
        if code[:4] != powiat:
            raise _line_error(src, line, _(P_POWIAT_OF) % {"code": code, "powiat": powiat})
        units.append(Unit(code, UnitKind.GMINA, kind, name, powiat, line, src))
    return check_tree(units)


def check_tree(units: list[Unit]) -> list[Unit]:
    """Every code once, every parent present; ordered parents first."""
    seen: dict[str, Unit] = {}
    for unit in units:
        if unit.code in seen:
            raise _line_error(unit.source, unit.line, _(P_DUPLICATE) % {"code": unit.code})
        seen[unit.code] = unit
    for unit in units:
        if unit.parent_code is not None and unit.parent_code not in seen:
            raise _line_error(
                unit.source,
                unit.line,
                _(P_PARENT) % {"code": unit.parent_code, "child": unit.code},
            )
    return sorted(units, key=lambda u: (len(u.code), u.code))
