from pathlib import Path

import pytest

from onestop.models import Procedure, ServiceLevel
from organizations.tests.factories import UnitFactory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEST_FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sample_units(db):
    """The receiving units of the shared sample, under one district."""
    root = UnitFactory(code="CT", short_name="UBND huyện Châu Thành", kind="committee")
    for name in ("UBND xã Tân Phú", "UBND xã An Hòa", "UBND thị trấn Mỹ Lợi", "UBND xã Long Điền"):
        UnitFactory(short_name=name, kind="commune", parent=root)
    return root


@pytest.fixture
def levels(db):
    return {level.code: level for level in ServiceLevel.objects.all()}


@pytest.fixture
def make_procedure(levels):
    def make(code, level="full"):
        return Procedure.objects.create(code=code, name=f"Thủ tục {code}", service_level=levels[level])

    return make


@pytest.fixture
def sample_data(sample_units):
    from onestop.services import dossiers_import, procedures_import

    procedures_import(source=FIXTURES / "thu-tuc.csv")
    dossiers_import(source=FIXTURES / "ho-so.csv")
    return sample_units
