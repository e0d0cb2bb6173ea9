from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import code_normalise
from .constants import (
    ERROR_CODE_FORMAT,
    ERROR_NOT_A_PDF,
    ERROR_UPLOAD_TOO_LARGE,
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
