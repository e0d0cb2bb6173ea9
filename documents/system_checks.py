"""Django system checks for the PAdES settings (documents.signatures).

A half-configured seal would silently issue unsealed documents; a trust-anchor or key file
that is missing would fail only at the first upload or the first sealed document. Both are
said when the service starts instead.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def signature_settings_check(app_configs=None, **kwargs):
    messages = []
    key = getattr(settings, "ESFLOW_SEAL_KEY", "")
    cert = getattr(settings, "ESFLOW_SEAL_CERT", "")
    if bool(key) != bool(cert):
        messages.append(
            Warning(
                "Only one of ESFLOW_SEAL_KEY and ESFLOW_SEAL_CERT is set; documents are "
                "issued without a seal.",
                hint="Set both (PEM paths) to seal documents, or neither.",
                id="documents.W001",
            )
        )
    for name in (
        "ESFLOW_SIGNATURE_TRUST_ROOTS",
        "ESFLOW_SEAL_KEY",
        "ESFLOW_SEAL_CERT",
        "ESFLOW_SEAL_CHAIN",
    ):
        path = getattr(settings, name, "")
        if path and not Path(path).is_file():
            messages.append(
                Error(
                    f"{name} names {path}, which is not a readable file.",
                    hint="Give the path of a PEM file, or unset the variable.",
                    id="documents.E001",
                )
            )
    return messages
