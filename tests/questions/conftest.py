import pytest


@pytest.fixture
def field(db):
    from vnportal.questions.models import QuestionField

    return QuestionField.objects.create(name="Giáo dục - Đào tạo")


@pytest.fixture
def make_unit(db):
    from vnportal.agency.models import Unit

    def make(slug="so-giao-duc", name="Sở Giáo dục và Đào tạo", email="sgd@sonha.example.vn", **fields):
        return Unit.objects.create(slug=slug, name=name, email=email, **fields)

    return make


@pytest.fixture
def unit(make_unit):
    return make_unit()


@pytest.fixture
def groups(db):
    """The groups migrations/0002 makes (a transactional test's flush removes them: made again)."""
    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="Tổ Hỏi đáp").exists():
        from importlib import import_module

        import_module("vnportal.questions.migrations.0002_groups").create_groups(django_apps, None)


@pytest.fixture
def coordinator(groups):
    from tests.support.users import staff_user

    return staff_user("dieuphoi", "Tổ Hỏi đáp")


@pytest.fixture
def unit_staff(unit, groups):
    from tests.support.users import staff_user

    user = staff_user("canbo", "Cán bộ đơn vị")
    unit.staff.add(user)
    return user


@pytest.fixture
def submit(field):
    from vnportal.questions import handling

    def make(**data):
        values = {
            "name": "Nguyễn Văn Bình",
            "email": "binh@example.vn",
            "field": field,
            "title": "Hỏi về tuyển sinh lớp 10",
            "content": "Xin hỏi lịch thi tuyển sinh lớp 10 năm nay.",
        }
        values.update(data)
        return handling.submit(**values)

    return make
