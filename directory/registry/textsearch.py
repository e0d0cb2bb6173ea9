"""Folding and crude stemming of Polish text for the registry search.

PostgreSQL ships no Polish stemmer, so both databases use the same rule, applied to the
*query* only: every word is folded (lower case, diacritics removed, ł → l) and then
trimmed to a stem by cutting the longest matching inflectional ending from ``ENDINGS``,
as long as at least ``MIN_STEM`` letters remain. The stem is then matched as a *prefix*
of the folded words of the document. So "sprzątania" → "sprzatan" finds "sprzątanie",
"cateringowe" → "catering" finds "usługi cateringowe", "osoba" → "osob" finds "osób".
Words shorter than ``MIN_STEM`` + 1 letters are not trimmed, only prefix-matched.

The rule over-matches a little (that is what a prefix does) and misses stem alternations
(e.g. "pies"/"psa", "ręka"/"ręce"); for a registry of some hundred entities that is the
right trade.
"""

import re
import unicodedata

MIN_STEM = 4

#: Polish inflectional and derivational endings, longest first.
ENDINGS = sorted(
    {
        "owego",
        "owemu",
        "owych",
        "owymi",
        "ami",
        "ach",
        "owi",
        "owe",
        "owa",
        "owy",
        "owej",
        "ego",
        "emu",
        "ych",
        "ich",
        "ymi",
        "imi",
        "iej",
        "ej",
        "om",
        "ow",
        "ie",
        "ia",
        "iu",
        "em",
        "a",
        "e",
        "i",
        "y",
        "o",
        "u",
    },
    key=len,
    reverse=True,
)

_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss"})
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without diacritics: "Łódź Sprzątanie" → "lodz sprzatanie"."""
    text = (text or "").translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """Cut the longest Polish ending, keeping at least MIN_STEM letters."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def query_stems(query: str) -> list[str]:
    """The prefixes a query asks for, one per word (digits kept whole)."""
    return [w if w.isdigit() else stem(w) for w in words(query)]


def search_document(*parts: str) -> str:
    """The folded, space-separated words of an entry, with a leading space.

    The leading space lets SQLite match a word prefix with ``LIKE '% prefix%'``.
    """
    return " " + " ".join(w for part in parts for w in words(part)) + " "


# Polish alphabetical order: the letters with diacritics are letters of their own that
# come right after their base letter ("ą" after "a", "ł" after "l").
_POLISH_ORDER = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_ORDER_KEY = {c: f"{i + 20:02d}" for i, c in enumerate(_POLISH_ORDER)}


def polish_sort_key(text: str) -> str:
    """A string whose byte order is Polish alphabetical order (for SQLite)."""
    out = []
    for c in (text or "").lower():
        if c in _ORDER_KEY:
            out.append(_ORDER_KEY[c])
        elif c.isdigit():
            out.append("1" + c)  # digits before letters, like ICU
        elif c.isspace():
            out.append("00")
        else:
            base = fold(c)[:1]
            out.append(_ORDER_KEY.get(base, "01"))
    return "".join(out)[:250]
