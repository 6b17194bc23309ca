"""The newsroom pages and the API: only the communications role writes; everyone else gets a 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from portal.choices import ArticleStatus
from portal.models import Article
from portal.tests.test_services import PNG

pytestmark = pytest.mark.django_db


def test_communications_writes_and_publishes_through_the_pages(client, comms, org, category):
    client.force_login(comms)
    assert client.get("/cong-khai/bien-tap/").status_code == 200
    response = client.post(
        "/cong-khai/bien-tap/moi/",
        {"unit": org.root.pk, "title": "Đón nhận chứng nhận ISO", "category": category.pk, "summary": "Tóm tắt"},
    )
    article = Article.objects.get()
    assert response.status_code == 302 and article.slug == "don-nhan-chung-nhan-iso"
    assert article.author == comms and article.author_name == "Hoa Phan"
    client.post(f"/cong-khai/bien-tap/{article.pk}/dang/", {"action": "publish"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert "Đón nhận chứng nhận ISO" in client.get("/cong-khai/").content.decode()
    client.post(f"/cong-khai/bien-tap/{article.pk}/dang/", {"action": "unpublish"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_image_upload_with_htmx_returns_the_list(client, comms, make_article):
    article = make_article()
    client.force_login(comms)
    response = client.post(
        f"/cong-khai/bien-tap/{article.pk}/anh/",
        {"image": SimpleUploadedFile("hoi-nghi.png", PNG), "alt": "Hội nghị"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    image = article.images.get()
    assert f"anh:{image.pk}" in response.content.decode()
    refused = client.post(
        f"/cong-khai/bien-tap/{article.pk}/anh/",
        {"image": SimpleUploadedFile("virus.png", b"MZ" + b"\x00" * 100), "alt": "x"},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 400 and article.images.count() == 1
    assert client.get(f"/cong-khai/anh/{image.pk}/")["Content-Type"] == "image/png"


def test_images_of_drafts_are_not_public(client, comms, make_article):
    from portal import services

    draft = make_article("Nháp có ảnh", publish=False)
    image = services.article_image_add(
        user=comms, article=draft, upload=SimpleUploadedFile("a.png", PNG), alt="Ảnh nháp"
    )
    assert client.get(f"/cong-khai/anh/{image.pk}/").status_code == 404
    client.force_login(comms)
    assert client.get(f"/cong-khai/anh/{image.pk}/").status_code == 200


def test_other_roles_cannot_open_or_change_articles(client, focal_point, make_article):
    article = make_article(publish=False)
    client.force_login(focal_point)
    assert "Viết bài mới" not in client.get("/cong-khai/bien-tap/").content.decode()
    assert client.get("/cong-khai/bien-tap/moi/").status_code == 404
    assert client.get(f"/cong-khai/bien-tap/{article.pk}/").status_code == 404
    assert client.post(f"/cong-khai/bien-tap/{article.pk}/dang/", {"action": "publish"}).status_code == 404
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_staff_pages_need_login(client, make_article):
    article = make_article()
    assert client.get("/cong-khai/bien-tap/").status_code == 302
    assert client.post(f"/cong-khai/bien-tap/{article.pk}/dang/", {"action": "unpublish"}).status_code == 302


# --- API ----------------------------------------------------------------------------------------------------


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_api_create_update_publish(comms, org, category):
    api = _api(comms)
    created = api.post(
        "/api/v1/portal/articles/",
        {"unit": org.root.pk, "title": "Tin từ API", "summary": "Tóm tắt", "category": category.pk},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["slug"] == "tin-tu-api" and created.json()["status"] == "draft"
    patched = api.patch(f"/api/v1/portal/articles/{pk}/", {"featured": True}, format="json")
    assert patched.status_code == 200 and patched.json()["featured"] is True
    assert patched.json()["summary"] == "Tóm tắt"  # PATCH keeps what it does not send
    published = api.post(f"/api/v1/portal/articles/{pk}/publish/", {}, format="json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert api.post(f"/api/v1/portal/articles/{pk}/unpublish/").json()["status"] == "draft"
    assert api.get("/api/v1/portal/categories/").status_code == 200


def test_api_refuses_other_roles_and_other_units(focal_point, comms, org, make_article):
    article = make_article(publish=False)
    api = _api(focal_point)
    assert api.get("/api/v1/portal/articles/").json()["count"] == 0
    assert api.post(f"/api/v1/portal/articles/{article.pk}/publish/", {}, format="json").status_code == 404
    refused = api.post("/api/v1/portal/articles/", {"unit": org.a.pk, "title": "X"}, format="json")
    assert refused.status_code == 400 and "message" in refused.json()
    outside = _api(comms).post("/api/v1/portal/articles/", {"unit": org.x.pk, "title": "X"}, format="json")
    assert outside.status_code == 400
    assert Article.objects.count() == 1


def test_api_validates_input(comms):
    api = _api(comms)
    assert api.post("/api/v1/portal/articles/", {"title": ""}, format="json").status_code == 400
    assert api.post("/api/v1/portal/articles/abc/publish/").status_code == 404
    bad_date = api.post("/api/v1/portal/articles/1/publish/", {"published_at": "hôm qua"}, format="json")
    assert bad_date.status_code in (400, 404)


# --- The public host ----------------------------------------------------------------------------------------


def test_public_host_serves_the_portal_at_the_root(client, settings, make_article):
    settings.PUBLIC_HOST = "congkhai.example.vn"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "congkhai.example.vn"]
    article = make_article("Tin trên tên miền riêng")
    home = client.get("/", HTTP_HOST="congkhai.example.vn")
    assert home.status_code == 200 and "Tin trên tên miền riêng" in home.content.decode()
    assert f'href="/tin-tuc/{article.slug}/"' in home.content.decode()
    assert client.get(f"/tin-tuc/{article.slug}/", HTTP_HOST="congkhai.example.vn").status_code == 200
    assert client.get("/dang-nhap/", HTTP_HOST="congkhai.example.vn").status_code == 404  # no staff site there
    assert client.get("/quan-tri/", HTTP_HOST="congkhai.example.vn").status_code == 404
    # The ordinary host still has the staff home at "/".
    assert client.get("/").status_code == 302


def test_the_language_switch_works_on_the_public_host(client, settings):
    settings.PUBLIC_HOST = "congkhai.example.vn"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "congkhai.example.vn"]
    home = client.get("/ket-qua/", HTTP_HOST="congkhai.example.vn").content.decode()
    assert 'action="/ngon-ngu/"' in home and 'name="next" value="/ket-qua/"' in home
    switched = client.post("/ngon-ngu/", {"language": "en", "next": "/ket-qua/"}, HTTP_HOST="congkhai.example.vn")
    assert switched.status_code == 302 and switched["Location"] == "/ket-qua/"
    assert 'lang="en"' in client.get("/ket-qua/", HTTP_HOST="congkhai.example.vn").content.decode()


def test_staff_list_and_api_queries_are_bounded(client, comms, make_article, django_assert_max_num_queries):
    for i in range(12):
        make_article(f"Tin {i}")
    client.force_login(comms)
    with django_assert_max_num_queries(25):
        assert client.get("/cong-khai/bien-tap/").status_code == 200
    api = _api(comms)
    with django_assert_max_num_queries(12):
        assert api.get("/api/v1/portal/articles/").json()["count"] == 12
