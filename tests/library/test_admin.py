import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.documents import PDF_BYTES
from vnportal.library.models import Document, DocumentAttachment, DocumentType, Issuer

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.vn", "pw")
    client.force_login(user)
    return client


def form_data(**overrides):
    data = {
        "number": "12-NQ/TU",
        "summary": "Về phát triển giáo dục",
        "issued_on": "2024-03-05",
        "doc_type": DocumentType.objects.get_or_create(name="Nghị quyết")[0].pk,
        "issuer": Issuer.objects.get_or_create(name="Tỉnh ủy")[0].pk,
        "status": "in_force",
        "is_public": "on",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": "Toàn văn",
        "attachments-0-ORDER": "1",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


ADD_URL = "/quan-tri/snippets/library/document/add/"


def test_admin_list_and_form_load(admin_client):
    assert admin_client.get("/quan-tri/snippets/library/document/").status_code == 200
    assert admin_client.get(ADD_URL).status_code == 200


def test_admin_creates_a_document_with_a_real_pdf(admin_client):
    data = form_data(**{"attachments-0-file": SimpleUploadedFile("toan-van.pdf", PDF_BYTES)})
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    document = Document.objects.get(number="12-NQ/TU")
    assert document.number_normalised == "12-nq/tu"
    assert document.attachments.count() == 1
    assert document.issued_on == datetime.date(2024, 3, 5)


def test_admin_refuses_a_disguised_file_in_vietnamese_and_saves_nothing(admin_client):
    data = form_data(**{"attachments-0-file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00this is an exe")})
    response = admin_client.post(ADD_URL, data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "không phải là tệp PDF thật" in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentAttachment.objects.exists()
