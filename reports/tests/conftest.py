from pathlib import Path

import pytest

from onestop.services import dossiers_import, procedures_import
from organizations.choices import Role
from organizations.tests.factories import LevelFactory, MembershipFactory, UnitFactory, UserFactory
from reports.models import ReportKind

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def district(db):
    """The sample's district: a committee, an office with the PAR focal point, four communes, an officer in
    Tân Phú and another tree's focal point (the outsider)."""
    commune = LevelFactory(code="commune", name="Cấp xã", rank=3)
    level = LevelFactory(code="district", name="Cấp huyện", rank=2)
    root = UnitFactory(code="CT", short_name="UBND huyện Châu Thành", kind="committee", level=level)
    office = UnitFactory(code="CT-NV", short_name="Phòng Nội vụ", kind="agency", level=level, parent=root)
    communes = {
        name: UnitFactory(code=f"CT-{i}", short_name=name, kind="commune", level=commune, parent=root)
        for i, name in enumerate(("UBND xã Tân Phú", "UBND xã An Hòa", "UBND thị trấn Mỹ Lợi", "UBND xã Long Điền"))
    }
    other = UnitFactory(code="KH", short_name="UBND huyện Khác", kind="committee", level=level)
    focal, officer, outsider = UserFactory(username="focal"), UserFactory(username="tanphu"), UserFactory(username="x")
    MembershipFactory(user=focal, unit=office, role=Role.FOCAL_POINT)
    MembershipFactory(user=officer, unit=communes["UBND xã Tân Phú"], role=Role.OFFICER)
    MembershipFactory(user=outsider, unit=other, role=Role.FOCAL_POINT)
    return type(
        "District",
        (),
        {
            "root": root,
            "office": office,
            "tanphu": communes["UBND xã Tân Phú"],
            "communes": communes,
            "focal": focal,
            "officer": officer,
            "outsider": outsider,
        },
    )


@pytest.fixture
def onestop_sample(district):
    procedures_import(source=FIXTURES / "thu-tuc.csv")
    dossiers_import(source=FIXTURES / "ho-so.csv")


@pytest.fixture
def quarter(db):
    return ReportKind.objects.get(code="quarter")
