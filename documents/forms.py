import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import code_normalise
from .constants import (
    ERROR_CODE_FORMAT,
    ERROR_FORM_KEY,
    ERROR_NOT_A_PDF,
    ERROR_REASON_REQUIRED,
    ERROR_UPLOAD_TOO_LARGE,
    REASON_MAX_LENGTH,
    VERIFY_MAX_UPLOAD_BYTES,
)


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        help_text=_("Printed in the footer of every page, e.g. ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(ERROR_CODE_FORMAT, code="format")
        return code


class VerifyFileForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("The file is compared with the register and not kept."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > VERIFY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(ERROR_UPLOAD_TOO_LARGE, code="size")
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(ERROR_NOT_A_PDF, code="type")
        return upload


class _ReasonForm(forms.Form):
    """A required reason: it is printed on the corrected version or shown by verification."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": ERROR_REASON_REQUIRED},
    )


class CorrectionForm(_ReasonForm):
    """``token`` is drawn when the form is shown: the same form sent twice is one correction."""

    token = forms.RegexField(
        label=_("Form key"),
        regex=r"^[A-Za-z0-9_-]{16,64}$",
        widget=forms.HiddenInput,
        error_messages={"required": ERROR_FORM_KEY, "invalid": ERROR_FORM_KEY},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "Printed on the corrected version and shown when it is verified."
        )
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))


class RevocationForm(_ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "Shown to anyone who verifies the document, with the date of the revocation."
        )
