import datetime as dt

from onestop.models import Dossier
from onestop.selectors import monthly_trend, onestop_figures
from organizations.models import Unit

D = dt.date


def _dossier(procedure, unit, received, due=None, completed=None, channel="in_person", postal=False, code=None):
    return Dossier.objects.create(
        code=code or f"H{Dossier.objects.count()}",
        procedure=procedure,
        receiving_unit=unit,
        channel=channel,
        received_on=received,
        due_on=due,
        completed_on=completed,
        postal_return=postal,
    )


def test_no_dossiers_gives_null_rates(sample_units, make_procedure):
    make_procedure("P1")
    figures = onestop_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))
    assert figures["units"] == []
    assert figures["total"]["dossiers"] == 0
    assert figures["total"]["online_rate"] is None
    assert figures["total"]["on_time_rate"] is None
    assert figures["total"]["online_procedures_without_dossiers"] == ["P1"]


def test_dossiers_on_the_period_bounds_count(sample_units, make_procedure):
    p = make_procedure("P1")
    unit = Unit.objects.get(short_name="UBND xã Tân Phú")
    _dossier(p, unit, D(2026, 7, 1))
    _dossier(p, unit, D(2026, 9, 30))
    _dossier(p, unit, D(2026, 6, 30))
    _dossier(p, unit, D(2026, 10, 1))
    assert onestop_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))["total"]["dossiers"] == 2


def test_completion_on_the_due_date_is_on_time(sample_units, make_procedure):
    p = make_procedure("P1")
    unit = Unit.objects.get(short_name="UBND xã Tân Phú")
    _dossier(p, unit, D(2026, 7, 1), due=D(2026, 7, 10), completed=D(2026, 7, 10))
    _dossier(p, unit, D(2026, 7, 1), due=D(2026, 7, 10), completed=D(2026, 7, 11))
    _dossier(p, unit, D(2026, 7, 1), due=D(2026, 9, 29))  # open, due before the end: overdue
    _dossier(p, unit, D(2026, 7, 1), due=D(2026, 9, 30))  # open, due on the end: not overdue
    total = onestop_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))["total"]
    assert (total["completed"], total["completed_on_time"], total["on_time_rate"], total["overdue_open"]) == (
        2,
        1,
        0.5,
        1,
    )


def test_unit_without_online_procedures(sample_units, make_procedure):
    offline = make_procedure("P2", level="2")
    unit = Unit.objects.get(short_name="UBND xã An Hòa")
    _dossier(offline, unit, D(2026, 7, 1), channel="online")
    row = onestop_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))["units"][0]
    assert (row["online_capable_dossiers"], row["online_dossiers"], row["online_rate"]) == (0, 0, None)


def test_uptake_and_evidence_list(sample_units, make_procedure):
    full, partial, _unused = make_procedure("A"), make_procedure("B", level="partial"), make_procedure("C", level="3")
    unit = Unit.objects.get(short_name="UBND xã Tân Phú")
    _dossier(full, unit, D(2026, 7, 5), channel="online")
    _dossier(partial, unit, D(2026, 7, 5), channel="postal", postal=True)
    total = onestop_figures(start=D(2026, 7, 1), end=D(2026, 9, 30))["total"]
    assert total["online_procedures"] == 3
    assert total["online_procedures_with_online_dossiers"] == 1
    assert total["online_procedure_uptake"] == 0.3333
    assert total["online_procedures_without_dossiers"] == ["C"]
    assert (total["postal_received"], total["postal_returned"]) == (1, 1)


def test_unit_scope_restricts_dossiers(sample_units, make_procedure):
    p = make_procedure("P1")
    a, b = Unit.objects.get(short_name="UBND xã Tân Phú"), Unit.objects.get(short_name="UBND xã An Hòa")
    _dossier(p, a, D(2026, 7, 1), channel="online")
    _dossier(p, b, D(2026, 7, 1))
    figures = onestop_figures(start=D(2026, 7, 1), end=D(2026, 9, 30), unit_ids=[b.pk])
    assert [u["unit"] for u in figures["units"]] == ["UBND xã An Hòa"]
    assert figures["total"]["online_procedures_with_online_dossiers"] == 0


def test_procedure_probes_follow_period_channel_and_units(sample_units, make_procedure):
    """The per-procedure figures come from index probes (one per channel); each case a probe could get wrong."""
    a, b = Unit.objects.get(short_name="UBND xã Tân Phú"), Unit.objects.get(short_name="UBND xã An Hòa")
    p = {code: make_procedure(code) for code in ["ONLINE_A", "DIRECT_B", "POSTAL_A", "OUTSIDE", "BOTH"]}
    _dossier(p["ONLINE_A"], a, D(2026, 9, 30), channel="online")
    _dossier(p["DIRECT_B"], b, D(2026, 7, 1))
    _dossier(p["POSTAL_A"], a, D(2026, 8, 1), channel="postal")
    _dossier(p["OUTSIDE"], a, D(2026, 6, 30), channel="online")  # the day before the period
    _dossier(p["OUTSIDE"], b, D(2026, 10, 1), channel="online")  # the day after
    _dossier(p["BOTH"], a, D(2026, 7, 2))
    _dossier(p["BOTH"], b, D(2026, 7, 3), channel="online")
    period = {"start": D(2026, 7, 1), "end": D(2026, 9, 30)}
    whole = onestop_figures(**period)["total"]
    assert whole["online_procedures_without_dossiers"] == ["OUTSIDE"]
    assert whole["online_procedures_with_online_dossiers"] == 2  # ONLINE_A, BOTH
    only_a = onestop_figures(**period, unit_ids=[a.pk])["total"]
    assert only_a["online_procedures_without_dossiers"] == ["DIRECT_B", "OUTSIDE"]
    assert only_a["online_procedures_with_online_dossiers"] == 1  # BOTH's online dossier is b's


def test_targets_of_a_unit_or_its_group_override_the_general_one(sample_units):
    from decimal import Decimal

    from onestop.models import Target
    from onestop.selectors import targets_for
    from organizations.models import UnitGroup

    tan_phu = Unit.objects.get(short_name="UBND xã Tân Phú")
    communes = UnitGroup.objects.create(
        name="Các xã", owner=sample_units, rule_parent=sample_units, rule_kind="commune"
    )
    Target.objects.create(name="Xã: 70%", metric="onestop.online_rate", threshold=Decimal("0.7"), group=communes)
    Target.objects.create(name="Năm khác", metric="onestop.online_rate", threshold=Decimal("0.9"), year=2030)
    general = {t.metric: t.threshold for t in targets_for(year=2026)}
    assert general == {"onestop.online_rate": Decimal("0.6"), "onestop.online_procedure_uptake": Decimal("0.5")}
    for_commune = {t.metric: t.threshold for t in targets_for(year=2026, unit_id=tan_phu.pk)}
    assert for_commune["onestop.online_rate"] == Decimal("0.7")
    for_district = {t.metric: t.threshold for t in targets_for(year=2026, unit_id=sample_units.pk)}
    assert for_district["onestop.online_rate"] == Decimal("0.6")


def test_monthly_trend_counts_each_dossier_in_its_month(sample_units, make_procedure):
    online = make_procedure("P1")
    unit = Unit.objects.get(short_name="UBND xã Tân Phú")
    _dossier(online, unit, D(2026, 7, 1), channel="online")
    _dossier(online, unit, D(2026, 7, 31))
    _dossier(online, unit, D(2026, 8, 1), channel="online")
    _dossier(online, unit, D(2026, 9, 30), due=D(2026, 9, 20), completed=D(2026, 9, 30))
    _dossier(online, unit, D(2026, 10, 1))  # after the period
    trend = monthly_trend(start=D(2026, 7, 1), end=D(2026, 9, 30))
    assert [(m["month"], m["dossiers"], m["online_dossiers"], m["online_rate"]) for m in trend] == [
        (D(2026, 7, 1), 2, 1, 0.5),
        (D(2026, 8, 1), 1, 1, 1.0),
        (D(2026, 9, 1), 1, 0, 0.0),
    ]
    assert (trend[2]["completed"], trend[2]["on_time_rate"]) == (1, 0.0)


def test_home_warning_uses_the_targets_in_force_for_each_unit(sample_units, make_procedure):
    """A commune's group target (90 %) applies to it on the home page, and a unit's own target (70 %) beats
    its group's: not only the general 60 %."""
    from decimal import Decimal

    from onestop.models import Target
    from onestop.selectors import home_flags, targets_by_unit, targets_for
    from organizations.models import UnitGroup
    from organizations.tests.factories import UserFactory

    today = D(2026, 8, 15)
    tan_phu, an_hoa = (Unit.objects.get(short_name=name) for name in ("UBND xã Tân Phú", "UBND xã An Hòa"))
    communes = UnitGroup.objects.create(
        name="Các xã", owner=sample_units, rule_parent=sample_units, rule_kind="commune"
    )
    Target.objects.create(name="Xã: 90%", metric="onestop.online_rate", threshold=Decimal("0.9"), group=communes)
    Target.objects.create(name="An Hòa: 70%", metric="onestop.online_rate", threshold=Decimal("0.7"), unit=an_hoa)
    online = make_procedure("P1")
    for unit in (tan_phu, an_hoa, sample_units):
        for channel in ("online", "online", "online", "in_person"):  # 75 % online everywhere
            _dossier(online, unit, D(2026, 7, 10), channel=channel)

    flags = home_flags(user=UserFactory(is_superuser=True), today=today)
    behind = {row["unit"]: [m["target"].name for m in row["missed"]] for row in flags["units"]}
    assert behind == {"UBND xã Tân Phú": ["Xã: 90%"]}  # An Hòa meets its own 70 %, the district the general 60 %
    assert flags["has_targets"]

    # The batch rule is the one-unit rule of the dashboard (the same on SQLite and PostgreSQL).
    units = [tan_phu.pk, an_hoa.pk, sample_units.pk]
    batch = targets_by_unit(year=2026, unit_ids=units)
    for unit_id in units:
        assert sorted(t.pk for t in batch[unit_id]) == sorted(t.pk for t in targets_for(year=2026, unit_id=unit_id))
