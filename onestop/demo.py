"""Demo one-stop data: the sample catalogue and dossier export for huyện Châu Thành (Q3 2026)."""

from pathlib import Path

from onestop.services import dossiers_import, procedures_import

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_demo() -> None:
    procedures_import(source=FIXTURES / "thu-tuc.csv")
    dossiers_import(source=FIXTURES / "ho-so.csv")
