"""The Common Procurement Vocabulary (CPV 2008): lookup, search and validation.

The dictionary ships with the kind (``data/cpv2008.csv`` beside this package, 9,454 main-vocabulary
codes with Polish and English names) and is read once per process. A code is valid only if
it is in that list: CPV check digits follow no formula (see the data README), so we never
compute one.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CPV_CSV = Path(__file__).resolve().parent.parent / "data" / "cpv2008.csv"

CPV_FORMAT = _("Enter a CPV code in the form NNNNNNNN-N, e.g. 85311000-2.")
CPV_UNKNOWN = _("%(code)s is not a code of the CPV dictionary.")

_CODE_RE = re.compile(r"\d{8}-\d")
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CPVCode:
    code: str
    name_pl: str
    name_en: str

    def __str__(self) -> str:
        return f"{self.code} {self.name_pl}"

    def name(self, language: str | None = None) -> str:
        """The name in the given (or the active) language; Polish unless English is asked."""
        if language is None:
            from django.utils.translation import get_language

            language = get_language() or "pl"
        return self.name_en if language.startswith("en") else self.name_pl


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so "sprzatanie" matches "sprzątanie"."""
    # ł has no decomposition in Unicode, so NFKD alone would keep it.
    text = text.casefold().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class _Entry:
    cpv: CPVCode
    digits: str  # the code without the dash, for prefix search
    text: str  # folded words of both names, each preceded by a space: " uslugi sprzatania"


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, CPVCode], tuple[_Entry, ...]]:
    by_code: dict[str, CPVCode] = {}
    entries: list[_Entry] = []
    with CPV_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cpv = CPVCode(row["code"], row["name_pl"], row["name_en"])
            by_code[cpv.code] = cpv
            words = _WORD_RE.findall(fold(f"{cpv.name_pl} {cpv.name_en}"))
            entries.append(_Entry(cpv, cpv.code.replace("-", ""), " " + " ".join(words)))
    return by_code, tuple(entries)


def all_codes() -> dict[str, CPVCode]:
    """Every code of the dictionary, keyed by ``NNNNNNNN-N``."""
    return _dictionary()[0]


def normalise_code(value: str) -> str:
    """Tidy what people type: surrounding spaces, inner spaces, a missing dash."""
    value = re.sub(r"\s+", "", value or "")
    if re.fullmatch(r"\d{9}", value):
        value = f"{value[:8]}-{value[8]}"
    return value


def cpv_lookup(code: str) -> CPVCode | None:
    """The dictionary entry of ``code`` (normalised first), or None."""
    return all_codes().get(normalise_code(code))


def validate_cpv_code(value: str) -> None:
    """Refuse a malformed code and a well-formed one that is not in the dictionary."""
    code = normalise_code(value)
    if not _CODE_RE.fullmatch(code):
        raise ValidationError(CPV_FORMAT, code="cpv_format")
    if code not in all_codes():
        raise ValidationError(CPV_UNKNOWN, code="cpv_unknown", params={"code": code})


def cpv_search(query: str, *, limit: int = 20) -> list[CPVCode]:
    """Codes matching ``query`` by code prefix or by words of their Polish or English names.

    Ranked: the exact code first, then codes starting with the typed digits, then names in
    which every typed word starts a word of the name (accents ignored), before names matched
    only through a crudely stemmed word; within a group general codes come before specific
    ones, then code order.
    """
    query = (query or "").strip()
    if not query or limit <= 0:
        return []
    by_code, entries = _dictionary()
    digits = re.sub(r"[\s-]", "", query)
    if digits.isdigit():
        exact = by_code.get(normalise_code(query)) if len(digits) == 9 else None
        prefixed = [
            e.cpv
            for e in entries
            if e.digits.startswith(digits[:8]) and (len(digits) < 9 or e.cpv is not exact)
        ]
        prefixed.sort(key=lambda c: (_level(c), c.code))
        return ([exact] if exact else []) + [c for c in prefixed if c is not exact][
            : limit - (1 if exact else 0)
        ]
    terms = _WORD_RE.findall(fold(query))
    if not terms:
        return []
    # " term" inside " word word …" is a word that starts with the term.
    needles = [(f" {term}", f" {_stem(term)}") for term in terms]
    ranked: list[tuple[int, int, str, CPVCode]] = []
    for entry in entries:
        score = 0
        for term, stem in needles:
            if term in entry.text:
                continue
            if stem != term and stem in entry.text:
                score += 1  # matched an inflected form only: ranks below exact word prefixes
                continue
            break
        else:
            ranked.append((score, _level(entry.cpv), entry.cpv.code, entry.cpv))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


def _level(cpv: CPVCode) -> int:
    """How deep in the tree a code sits: general codes end in zeros."""
    return len(cpv.code[:8].rstrip("0"))


def _stem(term: str) -> str:
    """Crude stem for Polish inflection: "sprzatanie" also finds "sprzatania"."""
    if len(term) >= 6:
        return term[:-2]
    if len(term) == 5:
        return term[:-1]
    return term
