"""Demo one-stop data: the sample catalogue and dossier export for huyện Châu Thành (Q3 2026)."""

from pathlib import Path

from onestop.services import dossiers_import, procedures_import

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_demo() -> None:
    procedures_import(source=FIXTURES / "thu-tuc.csv")
    dossiers_import(source=FIXTURES / "ho-so.csv")


def _codes(path: Path, column: str) -> list[str]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if row.get(column)]


def remove_demo() -> int:
    """Delete the dossiers of the demo export (by their codes). The procedure catalogue stays: its codes are the
    national ones that real imports use too."""
    from onestop.models import Dossier

    return Dossier.objects.filter(code__in=_codes(FIXTURES / "ho-so.csv", "Mã hồ sơ")).delete()[0]
