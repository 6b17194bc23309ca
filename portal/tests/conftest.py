import datetime as dt

import pytest
from django.utils import timezone

from assignments import services as assignment_services
from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UserFactory
from parindex.tests.conftest import assessments, criteria_set, district  # noqa: F401 - shared fixtures
from portal import services
from portal.models import Category
from surveys.tests.conftest import make_dossier, questionnaire, questions  # noqa: F401 - shared fixtures


@pytest.fixture
def comms(org):
    """The district's communications officer: writes and publishes the news of the whole district."""
    user = UserFactory(username="comms", first_name="Hoa", last_name="Phan")
    MembershipFactory(user=user, unit=org.root, role=Role.COMMUNICATIONS)
    return user


@pytest.fixture
def category(db):
    return Category.objects.get(slug="cai-cach-hanh-chinh")  # seeded by migration 0002


@pytest.fixture
def make_article(comms, org, category):
    def make(title="Đổi mới công tác một cửa", publish=True, **fields):
        fields = {"summary": "Tóm tắt bài viết.", "body": "Nội dung **chính**.", "category": category, **fields}
        article = services.article_create(user=comms, unit=fields.pop("unit", org.root), title=title, **fields)
        if publish:
            services.article_publish(user=comms, article=article)
        return article

    return make


@pytest.fixture
def issued_directive(org, focal_point):
    """An issued directive with two items: Phòng Nội vụ (on track) and Phòng Tư pháp (overdue once due)."""
    today = timezone.localdate()
    directive = assignment_services.directive_create(
        issuing_unit=org.root,
        date=today,
        created_by=focal_point,
        number="99/TB-UBND",
        title="Kết luận họp cải cách hành chính",
        text="",
        items=[
            assignment_services.ItemInput(
                content="Rà soát thủ tục hành chính",
                recipients=["Phòng Nội vụ"],
                deadline=today + dt.timedelta(days=10),
            ),
            assignment_services.ItemInput(
                content="Số hóa hồ sơ", recipients=["Phòng Tư pháp"], deadline=today + dt.timedelta(days=3)
            ),
        ],
    )
    assignment_services.directive_issue(directive=directive, issued_by=focal_point)
    directive.refresh_from_db()
    return directive
