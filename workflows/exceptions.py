from django.utils.translation import gettext_lazy as _

from .constants import RefusalCode

ERROR_UNKNOWN_ACTION = _("This action does not exist for this case.")
ERROR_NOT_NOW = _("This action is not possible in the case's current state.")
ERROR_FORBIDDEN = _("You are not allowed to do this on this case.")
ERROR_GUARD = _("The conditions for this action are not met.")
ERROR_INVALID_DATA = _("The information given for this action is incomplete or invalid.")
ERROR_CONFLICT = _("Someone else changed this case a moment ago. Reload the page and try again.")


class TransitionRefused(Exception):
    """The one exception ``transition_apply`` raises when it does nothing.

    ``code`` is ``forbidden`` (the actor may not run it: 403), ``invalid`` (not possible in this
    state, a guard is unmet or the data is invalid: 409) or ``conflict`` (someone was faster:
    409). ``message`` is translated and safe to show; ``errors`` holds form errors, if any.
    """

    def __init__(self, code: str, message, *, errors: dict | None = None):
        self.code = RefusalCode(code)
        self.message = message
        self.errors = errors or {}
        super().__init__(str(message))

    @property
    def status_code(self) -> int:
        return 403 if self.code == RefusalCode.FORBIDDEN else 409
