"""The public pages: no login, cached, drafts invisible, only public directives, lookup without personal data."""

import datetime as dt

import pytest
from django.utils import timezone

from assignments import services as assignment_services
from assignments.models import Assignment
from portal import services

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/cong-khai/", "/cong-khai/tin-tuc/", "/cong-khai/ket-qua/", "/cong-khai/chi-dao/",
                "/cong-khai/tra-cuu-ho-so/"]  # fmt: skip


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_need_no_login_and_stay_small(client, url, make_article):
    make_article()
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.content) < 100 * 1024
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html  # CSP: no inline code (and no JS at all)
    assert 'lang="vi"' in html and 'name="viewport"' in html


def test_home_shows_featured_and_latest_news_but_no_draft(client, make_article):
    featured = make_article("Tin nổi bật nhất", featured=True)
    latest = make_article("Tin thường ngày")
    draft = make_article("Bản nháp bí mật", publish=False)
    html = client.get("/cong-khai/").content.decode()
    assert featured.title in html and latest.title in html
    assert draft.title not in html
    assert html.index("Tin nổi bật nhất") < html.index("Tin thường ngày")


def test_draft_article_page_is_404_and_not_in_rss(client, make_article):
    draft = make_article("Bản nháp bí mật", publish=False)
    published = make_article("Tin đã đăng")
    assert client.get(f"/cong-khai/tin-tuc/{draft.slug}/").status_code == 404
    rss = client.get("/cong-khai/tin-tuc/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert published.title in body and draft.title not in body
    assert f"/cong-khai/tin-tuc/{published.slug}/" in body


def test_article_page_renders_sanitised_body(client, make_article):
    article = make_article(body="## Mục một\n\n<script>alert(1)</script>\n\n**đậm**")
    html = client.get(f"/cong-khai/tin-tuc/{article.slug}/").content.decode()
    assert "<h2>Mục một</h2>" in html and "<strong>đậm</strong>" in html
    assert "<script>alert" not in html


def test_publishing_shows_at_once_despite_the_page_cache(client, comms, make_article):
    article = make_article("Sắp đăng", publish=False)
    assert "Sắp đăng" not in client.get("/cong-khai/").content.decode()  # now cached without it
    services.article_publish(user=comms, article=article)
    assert "Sắp đăng" in client.get("/cong-khai/").content.decode()


def test_public_pages_are_cached_and_vary_on_language(client, make_article, django_assert_num_queries):
    make_article()
    first = client.get("/cong-khai/tin-tuc/")
    assert first["Cache-Control"] == "public, no-cache"  # kept by the server; browsers ask again
    with django_assert_num_queries(2):  # the two generations that name the cache entry; nothing else
        client.get("/cong-khai/tin-tuc/")
    client.cookies["django_language"] = "en"
    english = client.get("/cong-khai/tin-tuc/")
    assert 'lang="en"' in english.content.decode()


def test_language_switch_is_a_labelled_form_that_keeps_pages_cached_per_language(
    client, make_article, django_assert_num_queries
):
    make_article()
    response = client.get("/cong-khai/tin-tuc/?trang=1")
    html = response.content.decode()
    assert 'action="/cong-khai/ngon-ngu/"' in html
    assert '<label for="language">' in html and 'name="language"' in html
    assert 'name="next" value="/cong-khai/tin-tuc/?trang=1"' in html
    # No CSRF token and no cookie: the page stays one cached copy for every anonymous visitor.
    assert "csrfmiddlewaretoken" not in html and not response.cookies
    switched = client.post("/cong-khai/ngon-ngu/", {"language": "en", "next": "/cong-khai/tin-tuc/?trang=1"})
    assert switched.status_code == 302 and switched["Location"] == "/cong-khai/tin-tuc/?trang=1"
    assert switched.cookies["django_language"].value == "en"
    english = client.get("/cong-khai/tin-tuc/?trang=1").content.decode()
    assert 'lang="en"' in english and ">News<" in english
    with django_assert_num_queries(2):  # the English copy is cached too
        client.get("/cong-khai/tin-tuc/?trang=1")
    client.post("/cong-khai/ngon-ngu/", {"language": "vi", "next": "/cong-khai/tin-tuc/?trang=1"})
    assert ">Tin tức<" in client.get("/cong-khai/tin-tuc/?trang=1").content.decode()


def test_language_switch_refuses_a_foreign_next_address(client):
    response = client.post("/cong-khai/ngon-ngu/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]


def test_news_list_pages_and_filters_by_category(client, make_article, category):
    for i in range(12):
        make_article(f"Tin số {i}")
    first = client.get("/cong-khai/tin-tuc/").content.decode()
    assert "Trang 1/2" in first
    assert client.get("/cong-khai/tin-tuc/?trang=abc").status_code == 200  # a bad page number: never 500
    assert client.get(f"/cong-khai/tin-tuc/chuyen-muc/{category.slug}/").status_code == 200
    assert client.get("/cong-khai/tin-tuc/chuyen-muc/khong-co/").status_code == 404


# --- Directives ---------------------------------------------------------------------------------------------


def test_a_directive_not_marked_public_is_404(client, issued_directive):
    assert client.get(f"/cong-khai/chi-dao/{issued_directive.pk}/").status_code == 404
    assert issued_directive.number not in client.get("/cong-khai/chi-dao/").content.decode()


def test_a_draft_directive_is_never_public(client, issued_directive, focal_point):
    from core.errors import ApplicationError

    issued_directive.status = "draft"
    with pytest.raises(ApplicationError):
        assignment_services.directive_set_public(directive=issued_directive, is_public=True, user=focal_point)


def test_public_directive_shows_status_lead_unit_and_deadline_only(client, issued_directive, focal_point, org):
    assignment_services.directive_set_public(directive=issued_directive, is_public=True, user=focal_point)
    task = Assignment.objects.get(item__directive=issued_directive, lead_unit=org.a)
    assignment_services.progress_report_submit(
        assignment=task, unit=org.a, author=focal_point, text="Ghi chú nội bộ không công khai", percent=40
    )
    response = client.get(f"/cong-khai/chi-dao/{issued_directive.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phòng Nội vụ" in html and "Phòng Tư pháp" in html
    assert task.deadline.strftime("%d/%m/%Y") in html
    assert "Đang thực hiện trong hạn" in html
    assert "Ghi chú nội bộ" not in html
    assert focal_point.username not in html and (focal_point.get_full_name() or "@@") not in html
    assert issued_directive.number in client.get("/cong-khai/chi-dao/").content.decode()


def test_overdue_items_say_so(client, issued_directive, focal_point, org):
    assignment_services.directive_set_public(directive=issued_directive, is_public=True, user=focal_point)
    Assignment.objects.filter(lead_unit=org.b).update(deadline=timezone.localdate() - dt.timedelta(days=2))
    assert "Quá hạn" in client.get(f"/cong-khai/chi-dao/{issued_directive.pk}/").content.decode()


def test_only_who_issues_for_the_unit_marks_a_directive_public(client, issued_directive, officer_b):
    client.force_login(officer_b)
    client.post(f"/nhiem-vu/van-ban/{issued_directive.pk}/cong-khai/", {"is_public": "1"})
    issued_directive.refresh_from_db()
    assert issued_directive.is_public is False


def test_directive_page_toggles_publicity(client, issued_directive, focal_point):
    client.force_login(focal_point)
    page = client.get(f"/nhiem-vu/van-ban/{issued_directive.pk}/").content.decode()
    assert "Công khai tiến độ trên trang công khai" in page
    client.post(f"/nhiem-vu/van-ban/{issued_directive.pk}/cong-khai/", {"is_public": "1"})
    issued_directive.refresh_from_db()
    assert issued_directive.is_public is True


# --- Dossier lookup -----------------------------------------------------------------------------------------


def test_lookup_shows_status_and_due_date_and_no_personal_data(client, org, make_dossier):
    dossier = make_dossier(org.a, received=dt.date(2026, 7, 10), code="H12.34-260710-0001")
    response = client.get("/cong-khai/tra-cuu-ho-so/", {"ma": "H12.34-260710-0001"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã có kết quả" not in html and "Đang giải quyết, quá hạn" in html  # due 15/07/2026, not done
    assert dossier.due_on.strftime("%d/%m/%Y") in html
    for hidden in (dossier.procedure.name, org.a.short_name, "10/07/2026", dossier.channel):
        assert hidden not in html
    assert "no-store" in response["Cache-Control"]


def test_lookup_of_an_unknown_code_says_not_found(client, db):
    html = client.get("/cong-khai/tra-cuu-ho-so/", {"ma": "KHONG-CO-1"}).content.decode()
    assert "Không tìm thấy hồ sơ" in html


@pytest.mark.parametrize("value", ["ab", "có dấu cách", "x" * 101, "\x00abcd"])
def test_lookup_refuses_bad_codes_in_vietnamese(client, db, value):
    response = client.get("/cong-khai/tra-cuu-ho-so/", {"ma": value})
    assert response.status_code == 400


def test_lookup_is_rate_limited_per_client_address(client, settings, org, make_dossier):
    settings.PORTAL_LOOKUP_LIMIT = 3
    make_dossier(org.a, code="H12.34-1")
    for _ in range(3):
        assert client.get("/cong-khai/tra-cuu-ho-so/", {"ma": "H12.34-1"}, REMOTE_ADDR="203.0.113.5").status_code == 200
    refused = client.get("/cong-khai/tra-cuu-ho-so/", {"ma": "H12.34-1"}, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert "quá nhiều lần" in refused.content.decode()
    assert client.get("/cong-khai/tra-cuu-ho-so/", {"ma": "H12.34-1"}, REMOTE_ADDR="203.0.113.6").status_code == 200
    # A forged X-Forwarded-For from an untrusted address does not open a new window.
    forged = client.get(
        "/cong-khai/tra-cuu-ho-so/", {"ma": "H12.34-1"}, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert forged.status_code == 429


def test_home_and_news_queries_do_not_grow_with_articles(client, make_article, django_assert_max_num_queries):
    for i in range(15):
        make_article(f"Tin {i}", featured=i < 4)
    with django_assert_max_num_queries(20):
        assert client.get("/cong-khai/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/cong-khai/tin-tuc/").status_code == 200


def test_english_translation(client, make_article):
    make_article()
    client.cookies["django_language"] = "en"
    html = client.get("/cong-khai/").content.decode()
    assert "Latest news" in html and "Dossier lookup" in html
