"""htmx and the page scripts work under the strict CSP, with no violation reported in the console.

This test's browser context enforces the CSP (the shared `page` fixture bypasses it for Playwright's helpers)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def strict_page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_htmx_filter_works_under_the_csp(live_server, strict_page, org, leader_root):
    page = strict_page
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", leader_root.username)
    page.fill("input[name=password]", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    response = page.goto(f"{live_server.url}/don-vi/?view=table")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "no-store" in response.headers["cache-control"]
    assert page.locator("#results").inner_text().count("UBND xã Tân Phú") == 1
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as htmx_response:
        page.fill("input[name=q]", "Tư pháp")
    assert htmx_response.value.status == 200
    page.locator("#results", has_text="Phòng Tư pháp").wait_for()
    page.locator("#results", has_text="Tân Phú").wait_for(state="detached")
    assert "q=T" in page.url  # hx-push-url
    # The language chooser submits itself through static/tiendo/site.js (no onchange attribute).
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    violations = [text for text in messages if "Content Security Policy" in text or "Refused" in text]
    assert violations == [], violations
