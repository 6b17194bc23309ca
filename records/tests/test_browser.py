import datetime as dt
from decimal import Decimal

import pytest

from records.models import ArchiveBacklog, SortingProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_affairs_records_sorting_progress_for_a_commune_and_the_chart_moves(live_server, login, org, focal_point):
    backlog = ArchiveBacklog.objects.create(unit=org.c, total_metres=Decimal("30"))
    SortingProgress.objects.create(backlog=backlog, recorded_on=dt.date(2026, 3, 1), metres=Decimal("5"))

    page = login(focal_point)  # Phòng Nội vụ, the Home Affairs office
    page.goto(f"{live_server.url}/luu-tru/?year=2026")
    assert "25" in page.locator(f"#unit-{org.c.pk}").inner_text()  # 30 − 5 metres remaining
    # No dossier export with the digitisation columns yet: said so, not 0 %.
    assert page.locator(f"#unit-{org.c.pk} td.digitised").inner_text() == "không có dữ liệu"
    page.click(f"#unit-{org.c.pk} a")
    before = page.locator("#sorting-line").get_attribute("points")

    page.fill("#progress-form input[name=recorded_on]", "20/06/2026")
    page.fill("#progress-form input[name=metres]", "7.5")
    page.click("#progress-form button[type=submit]")
    assert "Đã ghi nhận" in page.locator("body").inner_text()
    after = page.locator("#sorting-line").get_attribute("points")
    assert after != before and len(after.split()) > len(before.split())
    assert page.locator("#sorting-chart circle").count() == 2
    assert "còn lại 17,5" in page.locator("#backlog-figures").inner_text()

    page.goto(f"{live_server.url}/luu-tru/?year=2026")
    assert "17,5" in page.locator(f"#unit-{org.c.pk}").inner_text()
