"""Each Decision 766 sub-indicator against a hand computation (period: quarter I 2027, 15/12/2026–14/03/2027)."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from core.metrics import Metric, MetricValue
from core.periods import Period
from onestop.models import Dossier, Procedure, ServiceLevel
from organizations.tests.factories import LevelFactory, UnitFactory
from reports.index766 import forecast_unit, points_for, rule_set_for

D = dt.date
PERIOD = Period(D(2026, 12, 15), D(2027, 3, 14), "quý I/2027")


@pytest.fixture
def commune(db):
    level = LevelFactory(code="commune", name="Cấp xã", rank=3)
    return UnitFactory(code="XA", short_name="UBND xã Hòa Bình", kind="commune", level=level)


@pytest.fixture
def dossiers(commune):
    levels = {code: ServiceLevel.objects.get(code=code) for code in ("full", "partial", "3", "2")}
    p1, p2, p3, p4 = (
        Procedure.objects.create(code=f"P{i}", name=f"Thủ tục {i}", tier="Xã", service_level=levels[code])
        for i, code in enumerate(("full", "partial", "3", "2"), start=1)
    )
    Procedure.objects.create(code="H1", name="Thủ tục huyện", tier="Huyện", service_level=levels["full"])
    received, due = D(2027, 1, 10), D(2027, 1, 20)
    rows = []
    for i in range(20):
        row = {
            "code": f"HS{i:02d}",
            "procedure": [p1, p2, p1, p3][i % 4] if i < 10 else p4,
            "receiving_unit": commune,
            "channel": "online" if i < 8 else "in_person",
            "received_on": received,
            "due_on": due,
            "completed_on": D(2027, 1, 15),
            "digitised": i < 14,
        }
        if i < 10:
            row["online_payment"] = i < 6
            row["electronic_result"] = i < 9
        rows.append(row)
    # Payment: paid d0–d5 on P1, P2, P1, P3, P1, P2 → P3 paid too; make d3 (P3) unpaid to get 2 of 3 procedures
    rows[3]["online_payment"] = False
    rows[6]["online_payment"] = True  # d6 is P1: still 6 paid of 10
    rows[10]["supplement_requests"] = 2  # on time by date, late by the rule
    rows[11]["completed_on"] = D(2027, 1, 25)  # late
    rows[12]["completed_on"] = rows[13]["completed_on"] = None
    rows[12]["due_on"] = rows[13]["due_on"] = D(2027, 3, 20)  # open, still within time at the period's end
    rows[14]["completed_on"] = None  # open and overdue at the period's end
    for row in rows:
        Dossier.objects.create(**row)
    # received before the period, completed within it on time: counts for progress only
    Dossier.objects.create(
        code="HS-OLD",
        procedure=p4,
        receiving_unit=commune,
        channel="in_person",
        received_on=D(2026, 12, 1),
        due_on=D(2027, 1, 10),
        completed_on=D(2027, 1, 5),
    )


def _results(commune):
    forecast = forecast_unit(commune, PERIOD, rule_set_for(PERIOD.end))
    return forecast, {r.indicator.code: r for r in forecast.results}


def test_threshold_rules():
    assert points_for(Decimal("0.8"), Decimal(6), Decimal("0.8")) == Decimal("6.00")
    assert points_for(Decimal("0.95"), Decimal(6), Decimal("0.8")) == Decimal("6.00")
    assert points_for(Decimal("0.4"), Decimal(6), Decimal("0.5")) == Decimal("4.80")  # 0,4 × 6 ÷ 0,5
    assert points_for(Decimal("0.5"), Decimal(6), Decimal("0.5")) == Decimal("6.00")
    assert points_for(Decimal("0.81"), Decimal(6), Decimal("0.9")) == Decimal("5.40")
    assert points_for(Decimal("0.9"), Decimal(6), Decimal("0.9")) == Decimal("6.00")
    assert points_for(Decimal("0.6"), Decimal(6), None) == Decimal("3.60")


def test_each_sub_indicator_equals_the_hand_computation(commune, dossiers):
    forecast, r = _results(commune)
    # Progress: 21 dossiers received or completed in the period; late: HS10 (2 requests), HS11 (late),
    # HS14 (open, overdue at the end) → 18/21 × 20 = 17,14
    assert (r["2.1"].ratio.numerator, r["2.1"].ratio.denominator) == (18, 21)
    assert r["2.1"].points == Decimal("17.14") and r["2.1"].gap == Decimal("2.86")
    assert r["2.1"].hint.startswith("3 hồ sơ")
    # Procedures with an online service: 3 of the 4 commune-tier procedures = 75 % < 80 % → 0,75 × 6 ÷ 0,8
    assert (r["3.1"].ratio.numerator, r["3.1"].ratio.denominator) == (3, 4)
    assert r["3.1"].points == Decimal("5.63")
    # Online dossiers: 8 of 20 = 40 % < 50 % → 0,4 × 6 ÷ 0,5 = 4,8; 2 more reach 50 %
    assert (r["3.2"].ratio.numerator, r["3.2"].ratio.denominator) == (8, 20)
    assert r["3.2"].points == Decimal("4.80")
    assert r["3.2"].hint == "2 hồ sơ trực tuyến nữa trong quý I/2027 để đạt 50 %"
    # Paid online: 6 of the 10 dossiers with payment data → 0,6 × 6 = 3,6
    assert (r["4.3"].ratio.numerator, r["4.3"].ratio.denominator) == (6, 10)
    assert r["4.3"].points == Decimal("3.60")
    # Procedures with an online payment: P1, P2 of P1, P2, P3 → 2/3 × 2 = 1,33
    assert (r["4.2"].ratio.numerator, r["4.2"].ratio.denominator) == (2, 3)
    assert r["4.2"].points == Decimal("1.33")
    # Digitised: 14 of 20 = 70 % < 80 % → 0,7 × 4 ÷ 0,8 = 3,5
    assert (r["5.2"].ratio.numerator, r["5.2"].ratio.denominator) == (14, 20)
    assert r["5.2"].points == Decimal("3.50")
    # Electronic results: 9 of the 10 completed dossiers with the column → 0,9 × 6 = 5,4
    assert (r["5.1"].ratio.numerator, r["5.1"].ratio.denominator) == (9, 10)
    assert r["5.1"].points == Decimal("5.40")
    # Not computable: listed with a reason, never 0
    for code in ("1.1", "1.2", "1.3", "1.4", "4.1", "5.3", "6.1", "6.3"):
        assert r[code].computable is False and r[code].points is None and r[code].ratio.reason
    assert [g.indicator.code for g in forecast.top_gaps] == ["2.1", "4.3", "3.2"]
    assert forecast.points == Decimal("17.14") + Decimal("5.63") + Decimal("4.80") + Decimal("3.60") + Decimal(
        "1.33"
    ) + Decimal("3.50") + Decimal("5.40")


@pytest.mark.parametrize(("rate", "points"), [("0.95", "6.00"), ("0.9", "6.00"), ("0.81", "5.40")])
def test_satisfaction_from_a_metric_full_at_90_percent(commune, dossiers, monkeypatch, rate, points):
    from core import metrics

    metric = Metric(
        key="surveys.procedure_satisfaction",
        label="Hài lòng",
        compute=lambda unit, start, end: MetricValue(Decimal(rate), 1, 1),
    )
    monkeypatch.setitem(metrics._REGISTRY, metric.key, metric)
    _forecast, r = _results(commune)
    assert r["6.3"].computable and r["6.3"].points == Decimal(points)


def test_old_export_without_optional_columns_is_not_computable(commune, dossiers):
    Dossier.objects.update(online_payment=None, digitised=None, electronic_result=None)
    _forecast, r = _results(commune)
    assert not r["4.3"].computable and "Thanh toán trực tuyến" in r["4.3"].ratio.reason
    assert not r["5.2"].computable and not r["5.1"].computable
    assert r["3.2"].computable


def test_index766_command_json(commune, dossiers):
    out = StringIO()
    call_command("index766", "--from", "2026-12-15", "--to", "2027-03-14", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["estimate"] is True
    unit = next(u for u in data["units"] if u["unit"] == "UBND xã Hòa Bình")
    online = next(i for i in unit["indicators"] if i["code"] == "3.2")
    assert online["points"] == 4.8 and online["max_points"] == 6 and online["formula"]
    assert unit["top_gaps"] == ["2.1", "4.3", "3.2"]


def test_publicity_within_five_working_days(commune, dossiers):
    Procedure.objects.filter(code="P1").update(announced_on=D(2027, 1, 4), published_on=D(2027, 1, 8))  # 4 days
    Procedure.objects.filter(code="P2").update(announced_on=D(2027, 1, 4), published_on=D(2027, 1, 12))  # 6 days
    Procedure.objects.filter(code="P3").update(announced_on=D(2027, 1, 5))  # never published
    Procedure.objects.filter(code="P4").update(announced_on=D(2026, 11, 2), published_on=D(2026, 11, 3))  # before
    Procedure.objects.filter(code="H1").update(announced_on=D(2027, 1, 4), published_on=D(2027, 1, 5))  # other tier
    _forecast, r = _results(commune)
    assert (r["1.2"].ratio.numerator, r["1.2"].ratio.denominator) == (1, 3)
    assert r["1.2"].points == Decimal("1.33")  # 1/3 × 4


def test_catalogue_date_columns_are_optional(db, tmp_path):
    from onestop.services import procedures_import

    path = tmp_path / "thu-tuc.csv"
    path.write_text(
        "Mã TTHC,Tên TTHC,Cấp thực hiện,Mức độ DVC,Ngày quyết định công bố,Ngày công khai\n"
        "P1,Thủ tục một,Xã,Toàn trình,04/01/2027,08/01/2027\n",
        encoding="utf-8",
    )
    procedures_import(source=path)
    assert Procedure.objects.get(code="P1").published_on == D(2027, 1, 8)
    path.write_text("Mã TTHC,Tên TTHC,Cấp thực hiện,Mức độ DVC\nP1,Thủ tục một,Xã,Toàn trình\n", encoding="utf-8")
    procedures_import(source=path)  # an old catalogue keeps the dates it does not carry
    assert Procedure.objects.get(code="P1").announced_on == D(2027, 1, 4)
