"""The review screen's quick fixes, why an item was read, names that are learnt, issuing and
deleting drafts (issue 11)."""

import datetime as dt

import pytest
from django.urls import reverse

from assignments import review, services
from assignments.models import Assignment, Directive
from assignments.services import ItemInput
from core.errors import ApplicationError
from organizations.models import UnitAlias
from organizations.selectors import UnitNameIndex
from organizations.services import unit_alias_add
from organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

NOTICE = """Tân Phú, ngày 02 tháng 11 năm 2026
Chủ tịch UBND huyện kết luận:
1. Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp rà soát quy chế; hoàn thành trước ngày 15/12/2026.
2. Giao Phòng Tư pháp kiểm soát thủ tục hành chính. Việc kiểm soát phải xong trong Quý I/2027.
Công tác tuyên truyền cải cách hành chính tại xã Tân Phú cần được quan tâm hơn nữa.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Hoa
"""


def _new(client, org, text=NOTICE, **extra):
    data = {"issuing_unit": org.root.pk, "number": "", "date": "", "text": text, **extra}
    return client.post(reverse("assignments:directive_new"), data)


def _form_data(directive, action, **extra):
    items = list(directive.items.all())
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "action": action,
        **extra,
    }
    for n, item in enumerate(items):
        initial = services_initial(item)
        data.update({f"items-{n}-{k}": v for k, v in initial.items()})
    return data


def services_initial(item) -> dict:
    from assignments.forms import ItemForm

    initial = ItemForm.initial_for(item)
    initial["deadline"] = initial["deadline"].strftime("%d/%m/%Y") if initial["deadline"] else ""
    return initial


# --- The pure operations ----------------------------------------------------------------------


def _item(content, recipients, coordinators=(), deadline=None):
    return ItemInput(content=content, recipients=list(recipients), coordinators=list(coordinators), deadline=deadline)


def test_merge_joins_text_units_and_keeps_the_later_deadline():
    items = [
        _item("Rà soát quy chế.", ["Phòng Nội vụ"], ["Phòng Tư pháp"], dt.date(2026, 12, 15)),
        _item("Báo cáo kết quả.", ["Phòng Tư pháp"], [], dt.date(2027, 1, 10)),
        _item("Khác.", ["Phòng Y tế"]),
    ]
    merged = review.merge(items, 0)
    assert len(merged) == 2
    assert merged[0].content == "Rà soát quy chế. Báo cáo kết quả."
    assert merged[0].recipients == ["Phòng Nội vụ", "Phòng Tư pháp"]
    assert merged[0].coordinators == []  # a lead unit is not also a coordinator
    assert merged[0].deadline == dt.date(2027, 1, 10)
    assert review.merge(items, 2) == items  # the last item has nothing below it


def test_split_cuts_at_a_sentence_or_a_semicolon_and_keeps_the_units():
    items = [_item("Rà soát quy chế. Báo cáo kết quả trước ngày 15/12/2026.", ["Phòng Nội vụ"])]
    parts = review.split(items, 0)
    assert [p.content for p in parts] == ["Rà soát quy chế.", "Báo cáo kết quả trước ngày 15/12/2026."]
    assert all(p.recipients == ["Phòng Nội vụ"] for p in parts)
    assert [p.content for p in review.split([_item("theo dõi; báo cáo", ["A"])], 0)] == ["theo dõi;", "báo cáo"]
    assert review.split([_item("Một việc", ["A"])], 0) == [_item("Một việc", ["A"])]


def test_a_unit_moves_to_coordinators_and_back():
    items = [_item("Rà soát.", ["Phòng Nội vụ", "Phòng Tư pháp"])]
    moved = review.move_unit(items, 0, 1, to_coordinators=True)
    assert (moved[0].recipients, moved[0].coordinators) == (["Phòng Nội vụ"], ["Phòng Tư pháp"])
    back = review.move_unit(moved, 0, 0, to_coordinators=False)
    assert (back[0].recipients, back[0].coordinators) == (["Phòng Nội vụ", "Phòng Tư pháp"], [])
    assert review.move_unit(items, 0, 9, to_coordinators=True) == items


def test_why_segments_mark_the_spans_and_ignore_bad_ones():
    why = {"sentence": "Giao Phòng Nội vụ rà soát trước ngày 15/12/2026.", "spans": [["recipient", 5, 17]]}
    assert review.why_segments(why) == [
        ("Giao ", ""),
        ("Phòng Nội vụ", "recipient"),
        (" rà soát trước ngày 15/12/2026.", ""),
    ]
    assert review.why_segments({"sentence": "abc", "spans": [["x", 0, 1], ["recipient", 2, 99], "bad"]}) == [
        ("abc", "")
    ]
    assert review.rule_label("month+inferred_year").endswith("năm lấy theo ngày của văn bản")


# --- Names that are learnt ------------------------------------------------------------------


def test_suggestions_include_names_that_differ_only_by_a_level_word(org):
    UnitFactory(code="VH", short_name="Phòng Văn hóa và Thông tin", kind="agency", parent=org.root)
    index = UnitNameIndex()
    match = index.match("Phòng Văn hóa và Thông tin Huyện")
    assert not match.matched
    assert match.suggestions[0] == "Phòng Văn hóa và Thông tin"


def test_an_alias_is_saved_only_by_who_manages_the_unit(org, focal_point, officer_a):
    with pytest.raises(ApplicationError, match="không có quyền"):
        unit_alias_add(user=officer_a, unit=org.b, name="Phòng Tư pháp Huyện")
    assert not UnitAlias.objects.exists()
    alias = unit_alias_add(user=focal_point, unit=org.b, name="Phòng  Tư pháp Huyện")
    assert alias.name == "Phòng Tư pháp Huyện"
    assert unit_alias_add(user=focal_point, unit=org.b, name="phong tu phap huyen") is None  # known already
    assert unit_alias_add(user=focal_point, unit=org.b, name="Phòng Tư pháp") is None  # its own name
    index = UnitNameIndex()
    assert index.match("Phòng Tư pháp Huyện").unit == org.b
    assert "Phòng Tư pháp Huyện" in index.names()  # the parser's gazetteer knows it too


# --- Through the pages ---------------------------------------------------------------------


def test_review_shows_why_signer_and_the_confirmation_counts(client, org, focal_point):
    client.force_login(focal_point)
    response = _new(client, org)
    directive = Directive.objects.get()
    assert directive.signer == "Lê Thị Hoa" and directive.date == dt.date(2026, 11, 2)
    page = client.get(response.url).content.decode()
    assert '<mark class="why-recipient">Phòng Nội vụ</mark>' in page
    assert '<mark class="why-coordinator">Phòng Tư pháp</mark>' in page
    assert "ngày ghi rõ" in page  # the deadline's rule
    # The second item's deadline came from its next sentence.
    assert directive.items.get(order=2).deadline == dt.date(2027, 3, 31)
    assert "Công tác tuyên truyền cải cách hành chính tại xã Tân Phú" in page  # offered as a sentence to add
    url = reverse("assignments:directive_review", args=[directive.pk])
    response = client.post(url, _form_data(directive, "issue"))
    assert "Ban hành 2 nhiệm vụ cho 2 đơn vị?" in response.content.decode()
    assert not Assignment.objects.exists()


def test_quick_fixes_through_the_review_page(client, org, focal_point):
    client.force_login(focal_point)
    _new(client, org)
    directive = Directive.objects.get()
    url = reverse("assignments:directive_review", args=[directive.pk])
    client.post(url, _form_data(directive, "tocoord|2|0"))
    item = directive.items.get(order=2)
    assert (item.recipients, item.coordinators) == ([], ["Phòng Tư pháp"])
    client.post(url, _form_data(directive, "tolead|2|0"))
    assert directive.items.get(order=2).recipients == ["Phòng Tư pháp"]
    sentence = "Công tác tuyên truyền cải cách hành chính tại xã Tân Phú cần được quan tâm hơn nữa."
    client.post(url, _form_data(directive, "add", sentence=sentence))
    added = directive.items.get(order=3)
    assert added.content == sentence and added.recipients == []  # no unit named: the reviewer adds one
    client.post(url, _form_data(directive, "add", sentence="Một câu không có trong văn bản."))
    assert directive.items.count() == 3  # only the notice's own sentences
    client.post(url, _form_data(directive, "merge|1"))
    assert directive.items.count() == 2
    client.post(url, _form_data(directive, "split|1"))
    assert directive.items.count() == 3
    response = client.post(url, _form_data(directive, "merge|x|y"))  # nonsense: nothing breaks
    assert response.status_code in (200, 302)


def test_choosing_a_suggestion_asks_to_keep_the_spelling(client, org, focal_point):
    client.force_login(focal_point)
    _new(client, org, NOTICE.replace("2. Giao Phòng Tư pháp", "2. Giao Phòng Tư pháp Huyện"))
    directive = Directive.objects.get()
    url = reverse("assignments:directive_review", args=[directive.pk])
    page = client.get(url).content.decode()
    assert "Phòng Tư pháp Huyện" in page and 'value="use|2|recipients|Phòng Tư pháp Huyện|Phòng Tư pháp"' in page
    odd = client.post(url, _form_data(directive, "use|²|recipients|Phòng Tư pháp Huyện|Phòng Tư pháp"))
    assert odd.status_code in (200, 302)  # "²".isdigit() is true, int("²") fails: never a 500
    response = client.post(url, _form_data(directive, "use|2|recipients|Phòng Tư pháp Huyện|Phòng Tư pháp"))
    assert response.status_code == 302 and "alias_from=" in response.url
    assert directive.items.get(order=2).recipients == ["Phòng Tư pháp"]
    assert not UnitAlias.objects.exists()  # asked, not silent
    page = client.get(response.url).content.decode()
    assert "Lưu «Phòng Tư pháp Huyện» là tên gọi khác của Phòng Tư pháp" in page
    client.post(url, {"action": "alias", "alias_from": "Phòng Tư pháp Huyện", "alias_to": "Phòng Tư pháp"})
    assert UnitAlias.objects.get().unit == org.b


def test_drafts_can_be_deleted_but_not_issued_directives(client, org, focal_point, outsider):
    client.force_login(outsider)
    client.force_login(focal_point)
    _new(client, org)
    directive = Directive.objects.get()
    client.force_login(outsider)
    assert client.post(reverse("assignments:directive_delete", args=[directive.pk])).status_code == 404
    client.force_login(focal_point)
    response = client.post(reverse("assignments:directive_delete", args=[directive.pk]))
    assert response.status_code == 302 and not Directive.objects.exists()
    _new(client, org)
    directive = Directive.objects.get()
    services.directive_issue(directive=directive, issued_by=focal_point)
    client.post(reverse("assignments:directive_delete", args=[directive.pk]))
    assert Directive.objects.filter(pk=directive.pk).exists()
    assert client.get(reverse("assignments:directive_delete", args=[directive.pk])).status_code == 405
