"""The PKD classifications shipped with esflow (``directory/data/pkd/``, see its README)."""

import csv
import functools
from pathlib import Path

from .constants import PKDVersion

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "pkd"


@functools.cache
def codes(version: str) -> dict[str, str]:
    """``{code: Polish name}`` of one PKD version."""
    if version not in PKDVersion.values:
        return {}
    with open(DATA_DIR / f"pkd{version}.csv", encoding="utf-8", newline="") as f:
        return {row["code"]: row["name_pl"] for row in csv.DictReader(f)}


def name(code: str, version: str) -> str:
    return codes(version).get(code, "")


def is_valid(code: str, version: str) -> bool:
    return code in codes(version)
