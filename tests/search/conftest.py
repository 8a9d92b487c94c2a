import pytest


@pytest.fixture
def make_document(db):
    from tests.library.factories import make_document

    return make_document
