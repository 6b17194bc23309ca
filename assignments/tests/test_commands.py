import io
import json

import pytest
from django.core.management import call_command

from assignments.tests.conftest import FIXTURES
from organizations.demo import load_demo

pytestmark = pytest.mark.django_db
KEYS = ("kind", "recipients", "coordinators", "deadline")
SAMPLES = [
    ("01-huyen-cchc-quy-iii.txt", "01-huyen-cchc-quy-iii"),
    ("02-tinh-so-nganh.txt", "02-tinh-so-nganh"),
    ("02-tinh-so-nganh.docx", "02-tinh-so-nganh"),
    ("03-xa-hai-cap.txt", "03-xa-hai-cap"),
    ("04-tinh-bao-chi.txt", "04-tinh-bao-chi"),
    ("05-huyen-cong-van.txt", "05-huyen-cong-van"),
    ("05-huyen-cong-van.pdf", "05-huyen-cong-van"),
    ("06-xa-buoi-lam-viec.txt", "06-xa-buoi-lam-viec"),
]


def _run(path) -> list[dict]:
    out = io.StringIO()
    call_command("parse_conclusion", str(path), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("with_units", [False, True], ids=["empty-db", "demo-units"])
@pytest.mark.parametrize(("filename", "expected"), SAMPLES)
def test_parse_conclusion_command_gives_the_shared_examples(filename, expected, with_units):
    if with_units:
        load_demo()
    folder = FIXTURES / "conclusions"
    got = _run(folder / filename)
    want = json.loads((folder / f"{expected}.expected.json").read_text(encoding="utf-8"))
    assert [{k: item[k] for k in KEYS} for item in got] == [{k: item[k] for k in KEYS} for item in want]
    assert all(item["text"] for item in got)


def test_parse_conclusion_command_names_a_missing_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy"):
        _run(tmp_path / "khong-co.txt")


def test_demo_data_is_idempotent_and_shows_every_status():
    from assignments import selectors
    from assignments.demo import load_demo as load_assignments
    from assignments.models import Assignment, Directive

    load_demo()
    load_assignments()
    load_assignments()
    assert Directive.objects.count() == 1
    statuses = set(selectors.with_status(Assignment.objects.all()).values_list("status_code", flat=True))
    assert {"on_track", "overdue", "done_on_time", "in_progress"} <= statuses
    assert Assignment.objects.filter(extensions__decision="pending").exists()
