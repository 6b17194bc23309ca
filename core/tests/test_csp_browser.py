"""htmx and the page scripts work under the strict CSP, with no violation reported in the console."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_htmx_filter_works_under_the_csp(live_server, login, org, leader_root):
    page = login(leader_root)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    response = page.goto(f"{live_server.url}/don-vi/?view=table")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "no-store" in response.headers["cache-control"]
    assert page.locator("#results").inner_text().count("UBND xã Tân Phú") == 1
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as htmx_response:
        page.fill("input[name=q]", "Tư pháp")
    assert htmx_response.value.status == 200
    page.wait_for_function("!document.querySelector('#results').innerText.includes('Tân Phú')")
    assert "Phòng Tư pháp" in page.locator("#results").inner_text()
    assert "q=T" in page.url  # hx-push-url
    # The language chooser submits itself through static/tiendo/site.js (no onchange attribute).
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    violations = [text for text in messages if "Content Security Policy" in text or "Refused" in text]
    assert violations == [], violations
