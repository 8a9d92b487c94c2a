"""A small agency: units in a tree, people (some leaders), and the Giới thiệu pages."""

import io

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from vnportal.agency.models import AboutIndexPage, AboutPage, Person, Unit
from vnportal.news.demo.images import landscape_png


@pytest.fixture
def make_image(db):
    counter = {"n": 0}

    def make():
        counter["n"] += 1
        data = landscape_png(counter["n"], (30, 90, 60), size=(240, 300))
        return get_image_model().objects.create(
            title=f"Chân dung {counter['n']}", file=ImageFile(io.BytesIO(data), name=f"chan-dung-{counter['n']}.png")
        )

    return make


@pytest.fixture
def units(db):
    top = Unit.objects.create(name="Ban Thường vụ Tỉnh ủy", slug="ban-thuong-vu", kind="leadership", sort_order=1)
    office = Unit.objects.create(
        name="Văn phòng Tỉnh ủy",
        slug="van-phong",
        kind="advisory",
        parent=top,
        sort_order=2,
        functions="<p>Tham mưu tổng hợp cho Thường trực Tỉnh ủy.</p>",
        phone="0200 3 800 810",
        email="vanphong@sonha.example.vn",
        address="Số 1 đường Trần Hưng Đạo",
    )
    general = Unit.objects.create(name="Phòng Tổng hợp", slug="phong-tong-hop", kind="office", parent=office)
    organisation = Unit.objects.create(name="Ban Tổ chức Tỉnh ủy", slug="ban-to-chuc", kind="advisory", parent=top)
    return {"top": top, "office": office, "general": general, "organisation": organisation}


@pytest.fixture
def make_person(db):
    def make(name, title="Ủy viên Ban Thường vụ", **fields):
        fields.setdefault("is_leader", True)
        return Person.objects.create(name=name, title=title, **fields)

    return make


@pytest.fixture
def about_index(home):
    index = AboutIndexPage(title="Giới thiệu", slug="gioi-thieu", intro="<p>Giới thiệu về tỉnh Sơn Hà.</p>")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_about(about_index):
    def make(title, kind=AboutPage.Kind.TEXT, body="<p>Nội dung trang.</p>", parent=None, **fields):
        page = AboutPage(title=title, kind=kind, body=body, **fields)
        (parent or about_index).add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
