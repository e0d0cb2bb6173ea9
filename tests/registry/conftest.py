import pytest

from .factories import load_teryt


@pytest.fixture
def teryt(db):
    load_teryt()
