"""The public answer pages: dossier token (once, 404 for a wrong token), the unit form (flood, honeypot)."""

import pytest

from surveys.choices import Channel, CommentStatus
from surveys.models import Response, SurveyToken
from surveys.tests.conftest import ALL_SATISFIED, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(org, questionnaire, make_dossier):
    dossier = make_dossier(org.c, code="H12.98-260816-00001")
    return SurveyToken.objects.create(questionnaire=questionnaire, dossier=dossier, unit=org.c)


def test_token_page_needs_no_login_and_asks_no_personal_data(client, token):
    response = client.get(f"/khao-sat/{token.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "H12.98-260816-00001" in html
    assert "Tôi đồng ý gửi phiếu." in html
    assert 'name="consent"' in html and "checked" not in html  # consent shown, not pre-ticked
    for personal in ('họ tên"', 'name="phone"', 'name="email"', 'name="name"'):
        assert personal not in html
    assert "no-store" in response["Cache-Control"]


def test_token_answers_once_and_refuses_a_second_answer(client, token, questions):
    url = f"/khao-sat/{token.token}/"
    first = client.post(url, post_data(questions, ALL_SATISFIED, comment="Rất nhanh"))
    assert first.status_code == 200
    assert "Cảm ơn" in first.content.decode()
    saved = Response.objects.get()
    assert (saved.unit, saved.channel, saved.dossier_id) == (token.unit, Channel.LINK, token.dossier_id)
    assert saved.answers.count() == 5
    assert saved.comment_status == CommentStatus.PENDING  # moderated before anyone but staff sees it

    second = client.post(url, post_data(questions, dict.fromkeys(ALL_SATISFIED, 1)))
    assert second.status_code == 409
    assert "đã được đánh giá" in second.content.decode()
    assert client.get(url).status_code == 409
    assert Response.objects.count() == 1
    assert set(Response.objects.get().answers.values_list("value", flat=True)) == {5}


def test_wrong_token_is_404(client, token):
    assert client.get("/khao-sat/khong-phai-ma-that-123/").status_code == 404
    assert client.post("/khao-sat/khong-phai-ma-that-123/", {}).status_code == 404


def test_answer_without_consent_is_not_saved(client, token, questions):
    response = client.post(f"/khao-sat/{token.token}/", post_data(questions, ALL_SATISFIED, consent=False))
    assert response.status_code == 200
    assert "Xin đánh dấu ô đồng ý" in response.content.decode()
    assert not Response.objects.exists()


def test_out_of_scale_value_is_a_form_error_not_a_500(client, token, questions):
    data = post_data(questions, ALL_SATISFIED)
    data[f"q{questions['access']}"] = "9"
    response = client.post(f"/khao-sat/{token.token}/", data)
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_public_unit_form_saves_an_answer_without_dossier(client, org, questions):
    response = client.post(f"/khao-sat/don-vi/{org.c.code}/", post_data(questions, ALL_SATISFIED))
    assert response.status_code == 200
    saved = Response.objects.get()
    assert (saved.unit, saved.channel, saved.dossier) == (org.c, Channel.PUBLIC_FORM, None)


def test_public_unit_form_unknown_unit_is_404(client, questionnaire):
    assert client.get("/khao-sat/don-vi/KHONG-CO/").status_code == 404


def test_public_form_refuses_a_flood_from_one_address(client, org, questions, settings):
    settings.SURVEY_PUBLIC_FORM_LIMIT = 3
    url = f"/khao-sat/don-vi/{org.c.code}/"
    codes = [
        client.post(url, post_data(questions, ALL_SATISFIED), REMOTE_ADDR="203.0.113.7").status_code for _ in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]
    assert Response.objects.count() == 3
    refused = client.post(url, post_data(questions, ALL_SATISFIED), REMOTE_ADDR="203.0.113.7")
    assert "quá nhiều phiếu" in refused.content.decode()
    # another address is not affected
    assert client.post(url, post_data(questions, ALL_SATISFIED), REMOTE_ADDR="203.0.113.8").status_code == 200
    assert Response.objects.count() == 4


def test_honeypot_answer_is_thanked_but_not_kept(client, org, questions):
    response = client.post(
        f"/khao-sat/don-vi/{org.c.code}/", post_data(questions, ALL_SATISFIED, website="http://spam.example")
    )
    assert response.status_code == 200
    assert "Cảm ơn" in response.content.decode()
    assert not Response.objects.exists()


def test_public_form_hides_the_honeypot_with_a_class_not_a_style(client, org, questionnaire):
    html = client.get(f"/khao-sat/don-vi/{org.c.code}/").content.decode()
    assert 'class="hp"' in html and 'name="website"' in html
    assert "style=" not in html and "<script" not in html


def test_forwarded_for_from_an_untrusted_client_does_not_escape_the_limit(client, org, questions, settings):
    settings.SURVEY_PUBLIC_FORM_LIMIT = 1
    settings.TRUSTED_PROXIES = []
    url = f"/khao-sat/don-vi/{org.c.code}/"
    first = client.post(
        url, post_data(questions, ALL_SATISFIED), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1"
    )
    second = client.post(
        url, post_data(questions, ALL_SATISFIED), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="2.2.2.2"
    )
    assert (first.status_code, second.status_code) == (200, 429)


def test_demo_loads_twice_and_removes_its_responses(db):
    from organizations.demo import load_demo as load_units
    from surveys import demo

    load_units()
    from onestop.demo import load_demo as load_dossiers

    load_dossiers()
    demo.load_demo()
    count = Response.objects.count()
    demo.load_demo()
    assert count > 0 and Response.objects.count() == count
    demo.remove_demo()
    assert not Response.objects.exists() and not SurveyToken.objects.exists()


def test_the_answer_page_has_the_public_language_switch(client, token):
    page = client.get(f"/khao-sat/{token.token}/").content.decode()
    assert 'action="/cong-khai/ngon-ngu/"' in page and '<label for="language">' in page
    client.post("/cong-khai/ngon-ngu/", {"language": "en", "next": f"/khao-sat/{token.token}/"})
    assert 'lang="en"' in client.get(f"/khao-sat/{token.token}/").content.decode()
