from django.db import models

from casework.models import Case


class TestDetail(models.Model):
    """The test kind's one-to-one detail row: one note, enough to show, list and filter."""

    __test__ = False  # not a pytest test class

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="test_detail"
    )
    note = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.note
