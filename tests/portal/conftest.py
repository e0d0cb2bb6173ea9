import pytest

from tests.registry.factories import load_teryt


@pytest.fixture
def teryt(db):
    load_teryt()
