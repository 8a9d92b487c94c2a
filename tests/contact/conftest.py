import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from vnportal.agency.models import Unit


@pytest.fixture
def units(db):
    office = Unit.objects.create(
        name="Văn phòng UBND tỉnh Sơn Hà",
        slug="van-phong",
        kind=Unit.Kind.OFFICE,
        address="Số 1 đường Trần Hưng Đạo",
        phone="0210 3 822 111",
        email="vanphong@sonha.example",
    )
    land = Unit.objects.create(
        name="Sở Tài nguyên và Môi trường", slug="so-tnmt", kind=Unit.Kind.DEPARTMENT, phone="0210 3 822 456"
    )
    Unit.objects.create(name="Ban không liên hệ", slug="ban-an", is_active=False, phone="1")
    return {"office": office, "land": land}


def unit_staff(name, unit):
    """Someone who works in ``unit``: admin access, no model permission of the contact app."""
    user = get_user_model().objects.create_user(name, f"{name}@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    unit.staff.add(user)
    return user


@pytest.fixture
def office_staff(units):
    return unit_staff("canbovp", units["office"])


@pytest.fixture
def land_staff(units):
    return unit_staff("canbotn", units["land"])
