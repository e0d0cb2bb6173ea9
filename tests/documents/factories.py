import factory

from documents.models import Notice
from tests.factories import UserFactory

POLISH = "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ"


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    title = factory.Sequence(lambda n: f"Komunikat nr {n} — zażółć gęślą jaźń")
    reference = factory.Sequence(lambda n: f"DOR/2026/{n + 1:04d}")
    body = f"Pchnąć w tę łódź jeża lub ośm skrzyń fig. {POLISH}."
    rows = factory.LazyFunction(lambda: [[f"Pozycja {i} żółw", f"Opis {i}"] for i in range(5)])
    created_by = factory.SubFactory(UserFactory)
