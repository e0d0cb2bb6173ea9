"""Scheduled checks that ``manage.py tick`` runs. Apps register theirs in ``AppConfig.ready``."""

from collections.abc import Callable

_checks: dict[str, Callable[[], object]] = {}


def register_check(name: str, func: Callable[[], object]) -> None:
    """Register a periodic check (reminders, escalation, expiry); it must be idempotent."""
    _checks[name] = func


def registered_checks() -> dict[str, Callable[[], object]]:
    return dict(_checks)
