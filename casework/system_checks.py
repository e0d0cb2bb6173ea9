"""Django system checks of the casework settings a deployment writes by hand.

``ESFLOW_APPROVAL_MODES`` is read when a case reaches approval: a mistyped mode would fail
there (a server error for the member approving), a mistyped kind would silently leave the
kind in its own mode. Both are said when the service starts instead.
"""

from django.conf import settings
from django.core.checks import Error, register

from .registry import ApprovalMode, kind_choices


@register()
def approval_modes_check(app_configs=None, **kwargs):
    messages = []
    kinds = {name for name, _label in kind_choices()}
    modes = sorted(m.value for m in ApprovalMode)
    for kind, mode in getattr(settings, "ESFLOW_APPROVAL_MODES", {}).items():
        if kind not in kinds:
            messages.append(
                Error(
                    f"ESFLOW_APPROVAL_MODES names the case kind {kind!r}, which is not registered.",
                    hint=f"Case kinds: {', '.join(sorted(kinds))}.",
                    id="casework.E001",
                )
            )
        if mode not in modes:
            messages.append(
                Error(
                    f"ESFLOW_APPROVAL_MODES gives {kind!r} the mode {mode!r}, which is not an "
                    "approval mode.",
                    hint=f"Write kind=mode pairs separated by commas; modes: {', '.join(modes)}.",
                    id="casework.E002",
                )
            )
    return messages
