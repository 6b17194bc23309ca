"""Articles: Vietnamese slugs, drafts and publishing, who may write (only the communications role)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import ApplicationError
from organizations.choices import Role
from organizations.tests.factories import MembershipFactory, UserFactory
from portal import selectors, services
from portal.choices import ArticleStatus
from portal.markup import render
from portal.slugs import vietnamese_slug

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_slug_is_ascii_without_diacritics_and_d_for_dj():
    assert vietnamese_slug("Đẩy mạnh cải cách hành chính ở Đồng Tháp") == "day-manh-cai-cach-hanh-chinh-o-dong-thap"
    assert vietnamese_slug("!!!") == "bai-viet"


def test_slugs_are_unique(make_article):
    first = make_article("Tin mới")
    second = make_article("Tin mới")
    assert (first.slug, second.slug) == ("tin-moi", "tin-moi-2")


def test_slug_follows_the_title_of_a_draft_but_is_stable_once_published(comms, make_article):
    article = make_article("Bản nháp đầu", publish=False)
    services.article_update(user=comms, article=article, title="Tiêu đề đã sửa", summary="x")
    assert article.slug == "tieu-de-da-sua"
    services.article_publish(user=comms, article=article)
    services.article_update(user=comms, article=article, title="Tiêu đề khác hẳn", summary="x")
    services.article_unpublish(user=comms, article=article)
    services.article_update(user=comms, article=article, title="Lần thứ ba", summary="x")
    article.refresh_from_db()
    assert article.slug == "tieu-de-da-sua"


def test_draft_is_not_public_until_published(comms, make_article):
    article = make_article(publish=False)
    assert article.status == ArticleStatus.DRAFT
    assert selectors.article_public(article.slug) is None
    services.article_publish(user=comms, article=article)
    assert selectors.article_public(article.slug) == article
    services.article_unpublish(user=comms, article=article)
    assert selectors.article_public(article.slug) is None


def test_a_future_publish_date_waits(comms, make_article):
    article = make_article(publish=False)
    services.article_publish(user=comms, article=article, published_at=timezone.now() + dt.timedelta(days=1))
    assert selectors.article_public(article.slug) is None


def test_publishing_needs_a_summary_or_body(comms, make_article):
    article = make_article(publish=False, summary="", body="")
    with pytest.raises(ApplicationError):
        services.article_publish(user=comms, article=article)


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.LEADER, Role.OFFICER, Role.VIEWER])
def test_only_the_communications_role_writes_or_publishes(org, make_article, role):
    article = make_article(publish=False)
    user = UserFactory(username=f"u-{role}")
    MembershipFactory(user=user, unit=org.root, role=role)
    with pytest.raises(ApplicationError):
        services.article_create(user=user, unit=org.root, title="Không được")
    with pytest.raises(ApplicationError):
        services.article_publish(user=user, article=article)
    with pytest.raises(ApplicationError):
        services.article_update(user=user, article=article, title="Sửa")


def test_communications_of_another_tree_cannot_publish_here(org, make_article):
    article = make_article(publish=False)
    other = UserFactory(username="comms-x")
    MembershipFactory(user=other, unit=org.root2, role=Role.COMMUNICATIONS)
    with pytest.raises(ApplicationError):
        services.article_publish(user=other, article=article)


def test_administrator_publishes(admin_user, make_article):
    article = make_article(publish=False)
    services.article_publish(user=admin_user, article=article)
    assert article.is_published


def test_a_published_article_is_taken_down_not_deleted(comms, make_article):
    article = make_article()
    with pytest.raises(ApplicationError):
        services.article_delete(user=comms, article=article)
    draft = make_article("Nháp", publish=False)
    services.article_delete(user=comms, article=draft)


def test_image_goes_through_the_upload_policy(comms, make_article):
    article = make_article()
    image = services.article_image_add(
        user=comms, article=article, upload=SimpleUploadedFile("anh.png", PNG), alt="Toàn cảnh hội nghị"
    )
    assert image.content_type == "image/png" and image.markdown == f"![Toàn cảnh hội nghị](anh:{image.pk})"
    assert "anh.png" not in image.file.name  # stored under a random name
    program = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(ApplicationError):
        services.article_image_add(user=comms, article=article, upload=program, alt="x")
    with pytest.raises(ApplicationError):
        services.article_image_add(user=comms, article=article, upload=io.BytesIO(PNG), alt="")


def test_body_is_sanitised_markdown():
    html = render(
        "# Tiêu đề\n\n<script>alert(1)</script> **đậm** [x](javascript:alert(1)) ![ảnh](anh:7)\n\n"
        '<img src=x onerror="alert(1)">',
        lambda pk: f"/cong-khai/anh/{pk}/",
    )
    assert "<script" not in html and "&lt;script&gt;" in html  # raw HTML is shown as text, never run
    assert "<img src=x" not in html and '<img src="x"' not in html
    assert '<a href="javascript' not in html
    assert "<h2>Tiêu đề</h2>" in html and "<strong>đậm</strong>" in html
    assert '<img src="/cong-khai/anh/7/" alt="ảnh">' in html
