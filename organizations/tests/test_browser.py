import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_and_navigate_unit_tree(live_server, login, org, leader_root):
    page = login(leader_root)
    page.click("nav >> text=Đơn vị")
    page.wait_for_selector("#unit-tree")
    assert page.locator("#unit-tree").inner_text().count("UBND xã Tân Phú") == 1
    page.click("#unit-tree >> text=UBND xã Tân Phú")
    assert page.locator("h1").inner_text() == "UBND xã Tân Phú"
    assert "Cấp trên" in page.content()
