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
