"""Publish a news article → it is on the public home page and in RSS; axe-core finds no accessibility violation
on any public page (the portal's and the survey answer pages) and none scrolls sideways at 360 px."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from assignments import services as assignment_services
from onestop.models import Dossier
from surveys.models import SurveyToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_publish_an_article_it_shows_on_the_home_page_and_in_rss(live_server, login, page, comms, org, category):
    login(comms)
    page.goto(f"{live_server.url}/cong-khai/bien-tap/moi/")
    page.select_option("select[name=unit]", str(org.root.pk))
    page.fill("input[name=title]", "Huyện tổ chức Ngày hội chuyển đổi số")
    page.select_option("select[name=category]", str(category.pk))
    page.fill("textarea[name=summary]", "Người dân được hướng dẫn nộp hồ sơ trực tuyến.")
    page.fill("textarea[name=body]", "## Hoạt động\n\nHơn **300** người dân tham gia.")
    page.check("input[name=featured]")
    page.click("#save")
    assert page.locator("#article-status").inner_text() == "Bản nháp"

    anonymous = page.context.browser.new_context(locale="vi-VN")
    citizen = anonymous.new_page()
    citizen.goto(f"{live_server.url}/cong-khai/")
    assert "Ngày hội chuyển đổi số" not in citizen.content()  # a draft is not public

    page.click("#publish")
    assert page.locator("#article-status").inner_text() == "Đã đăng"

    citizen.goto(f"{live_server.url}/cong-khai/")
    assert "Huyện tổ chức Ngày hội chuyển đổi số" in citizen.locator("#featured").inner_text()
    citizen.click("text=Huyện tổ chức Ngày hội chuyển đổi số")
    assert citizen.url.endswith("/cong-khai/tin-tuc/huyen-to-chuc-ngay-hoi-chuyen-doi-so/")
    assert "300" in citizen.locator(".body strong").inner_text()
    rss = citizen.request.get(f"{live_server.url}/cong-khai/tin-tuc/rss/")
    assert rss.ok and "Huyện tổ chức Ngày hội chuyển đổi số" in rss.text()
    anonymous.close()


@pytest.fixture
def public_data(org, focal_point, make_article, make_dossier, questionnaire, questions):
    """Something on every public page: news, figures (charts), a public directive, a dossier, a survey token."""
    today = timezone.localdate()
    article = make_article(
        "Tin có bảng và danh sách", featured=True, body="## Mục\n\n- một\n- hai\n\n|a|b|\n|-|-|\n|1|2|"
    )
    done = make_dossier(org.a, received=today, code="H12.34-000001")
    Dossier.objects.filter(pk=done.pk).update(completed_on=today)
    make_dossier(org.b, received=today, code="H12.34-000002")
    directive = assignment_services.directive_create(
        issuing_unit=org.root,
        date=today,
        created_by=focal_point,
        number="7/TB-UBND",
        title="Kết luận họp",
        text="",
        items=[
            assignment_services.ItemInput(
                content="Rà soát thủ tục", recipients=["Phòng Nội vụ"], deadline=today + dt.timedelta(days=9)
            )
        ],
    )
    assignment_services.directive_issue(directive=directive, issued_by=focal_point)
    directive.refresh_from_db()
    assignment_services.directive_set_public(directive=directive, is_public=True, user=focal_point)
    token = SurveyToken.objects.create(questionnaire=questionnaire, dossier=done, unit=org.a)
    return {"article": article, "directive": directive, "token": token, "category": article.category}


def _public_urls(data, org):
    return [
        "/cong-khai/",
        "/cong-khai/tin-tuc/",
        f"/cong-khai/tin-tuc/chuyen-muc/{data['category'].slug}/",
        f"/cong-khai/tin-tuc/{data['article'].slug}/",
        "/cong-khai/ket-qua/",
        "/cong-khai/chi-dao/",
        f"/cong-khai/chi-dao/{data['directive'].pk}/",
        "/cong-khai/tra-cuu-ho-so/",
        "/cong-khai/tra-cuu-ho-so/?ma=H12.34-000001",
        "/cong-khai/tra-cuu-ho-so/?ma=x",
        "/cong-khai/chi-dao/999999/",
        f"/khao-sat/{data['token'].token}/",
        f"/khao-sat/don-vi/{org.a.code}/",
    ]


def test_axe_finds_no_violation_on_any_public_page_and_none_scrolls_at_360px(live_server, browser, public_data, org):
    axe = Axe()
    # The real CSP applies here (no bypass): the pages must work without inline code. Playwright's evaluate
    # (how axe is injected) is not subject to the page's CSP.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    phone = context.new_page()
    problems = []
    for url in _public_urls(public_data, org):
        response = phone.goto(f"{live_server.url}{url}")
        assert response is not None
        body = response.body()
        css = sum(
            len(phone.request.get(f"{live_server.url}{href}").body())
            for href in phone.eval_on_selector_all(
                "link[rel=stylesheet]", "links => links.map(l => l.getAttribute('href'))"
            )
        )
        assert phone.locator("script").count() == 0 or url.startswith("/khao-sat/")
        if len(body) + css >= 100 * 1024:
            problems.append(f"{url}: {len(body) + css} bytes of HTML+CSS")
        if phone.evaluate("document.documentElement.scrollWidth") > 360:
            problems.append(f"{url}: wider than 360 px")
        results = axe.run(phone)
        for violation in results.response["violations"]:
            nodes = [node["target"] for node in violation["nodes"]]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}) {nodes}")
    context.close()
    assert problems == []


def test_the_language_switch_changes_the_page_in_place_and_the_english_page_is_axe_clean(
    live_server, browser, public_data
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    phone = context.new_page()
    url = f"{live_server.url}/cong-khai/chi-dao/{public_data['directive'].pk}/"
    phone.goto(url)
    phone.get_by_label("Ngôn ngữ").select_option("en")
    phone.click(".lang button")
    assert phone.url == url
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_label("Language").input_value() == "en"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert Axe().run(phone).response["violations"] == []
    context.close()
