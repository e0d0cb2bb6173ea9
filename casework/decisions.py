"""How a decision taken by a body (a committee resolution) reaches casework, kind-neutrally.

casework may not import the committee (the committee imports casework). The committee
registers one *confirmer* here in its ``AppConfig.ready``: given a case and the id of a
resolution, it answers with the resolution's number (e.g. "3/2026") when that resolution was
adopted and decides that case, else None. The ``approve`` transition of a kind in resolution
mode runs only as the system actor, only with a resolution the confirmer vouches for, and the
approval record keeps the resolution (``FrozenVersion.approved_by_resolution``).
"""

from collections.abc import Callable
from typing import Any

Confirmer = Callable[[Any, int], str | None]

_confirmer: list[Confirmer] = []


def register_resolution_confirmer(confirmer: Confirmer) -> None:
    _confirmer[:] = [confirmer]


def resolution_number(case, resolution_id: int | None) -> str | None:
    """The number of resolution ``resolution_id`` if it was adopted and decides ``case``."""
    if resolution_id is None or not _confirmer:
        return None
    return _confirmer[0](case, resolution_id)
