import pytest

from app import app, db


@pytest.fixture
def client():
    with app.app_context():
        db.create_all()  # ok: MIG003
        yield app.test_client()
        db.drop_all()
