"""Forms of the case pages (the transition forms are in ``casework.flows``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import AttachmentVisibility
from .uploads import AttachmentField


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    internal = forms.BooleanField(label=_("Internal (staff only)"), required=False, initial=True)


class AttachmentUploadForm(forms.Form):
    file = AttachmentField(label=_("File"))
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=AttachmentVisibility.choices,
        initial=AttachmentVisibility.EXTERNAL,
    )

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["visibility"]


class AnswerFilesForm(forms.Form):
    """Files that come with an answer (provide_info); optional."""

    file = AttachmentField(label=_("Attachment (optional)"), required=False)


class ConflictForm(forms.Form):
    """A committee member's declaration of a conflict of interest on a case."""

    reason = forms.CharField(
        label=_("Reason for the conflict of interest"),
        help_text=_(
            "What links you with the case or its parties. Staff and the committee see it in "
            "the history; you will not decide the case."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    """An organisation by id; an id of any size or shape is an invalid choice, not an error
    of the database (``int`` beyond 64 bits overflows on SQLite)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = int(str(value))
        except ValueError:
            number = 0
        if not 0 < number < 2**63:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(number)


class DeclaredLinkForm(forms.Form):
    """A link a committee member declares with an organisation. The choices shown are the
    organisations found by the page's search; any existing active organisation is valid."""

    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    note = forms.CharField(
        label=_("What links you with it (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, shown=None, **kwargs):
        from directory.models import Organisation

        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(is_active=True).order_by("name", "pk")
        if shown is not None:
            # Only the search results are listed (the table may be large).
            field.widget.choices = [(o.pk, str(o)) for o in shown]
