"""`make bench` step: the conclusion-notice parser's speed and accuracy.

- speed: median time to parse a 3-page notice (about 1,500 words, built from the shared
  samples' sentences) with a directory of 600 unit names, as the upload page does;
- accuracy: item-level, on the parser's own corpus (assignments/tests/fixtures/corpus),
  by style, with and without the directory.

Writes both into docs (between BEGIN/END markers) so that no figure is typed by hand:
python -m bench.parser [--no-write]
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")
ROOT = Path(__file__).resolve().parent.parent
KEYS = ("kind", "recipients", "coordinators", "deadline")


def three_page_notice() -> str:
    folder = ROOT / "assignments" / "tests" / "fixtures" / "conclusions"
    head = (folder / "05-huyen-cong-van.txt").read_text(encoding="utf-8").split("Nhận được văn bản này")[0]
    bodies = [
        (folder / name).read_text(encoding="utf-8")
        for name in ("01-huyen-cchc-quy-iii.txt", "04-tinh-bao-chi.txt", "06-xa-buoi-lam-viec.txt")
    ]
    text = head + "\n\n".join(bodies * 2)
    return text


def directory() -> list[str]:
    from assignments.parsing.evaluation import load_directory

    extra = [f"UBND xã Thử Nghiệm {i}" for i in range(300)] + [f"Trường Tiểu học số {i}" for i in range(240)]
    return load_directory() + extra


def speed() -> dict:
    from assignments.parsing import parse_conclusion

    text, known = three_page_notice(), directory()
    parse_conclusion(text, known_units=known)  # warm up (imports, compiled patterns)
    runs, cpu = [], []
    for _ in range(30):
        started, started_cpu = time.perf_counter(), time.process_time()
        items = parse_conclusion(text, known_units=known)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {
        "words": len(text.split()),
        "directory": len(known),
        "items": len(items),
        "median_ms": statistics.median(runs) * 1000,
        "max_ms": max(runs) * 1000,
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "load": os.getloadavg()[0],
    }


def accuracy() -> dict:
    from assignments.parsing import parse_conclusion, read_document_text
    from assignments.parsing.evaluation import accuracy_by_style, load_cases, load_directory

    cases, known = load_cases(), load_directory()
    out = {}
    for label, names in (("with", known), ("without", [])):
        results = []
        for case in cases:
            text = read_document_text(case.pdf_path) if case.style == "pdf" else case.text
            got = [{k: i.as_dict()[k] for k in KEYS} for i in parse_conclusion(text, known_units=names)]
            results.append((case, got))
        out[label] = accuracy_by_style(results)
    return out


def _replace(path: Path, marker: str, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    block = f"<!-- BEGIN {marker} -->\n{body}\n<!-- END {marker} -->"
    pattern = re.compile(rf"<!-- BEGIN {marker} -->.*?<!-- END {marker} -->", re.DOTALL)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    import django

    django.setup()
    from assignments.parsing.evaluation import STYLES

    s = speed()
    a = accuracy()
    speed_md = (
        "| notice | directory names | items found | median (wall) | median (CPU of the process) | slowest of 30 "
        "| load average |\n|---|---|---|---|---|---|---|\n"
        f"| 3 pages ({s['words']} words) | {s['directory']} | {s['items']} | {s['median_ms']:.1f} ms | "
        f"{s['cpu_median_ms']:.1f} ms | {s['max_ms']:.1f} ms | {s['load']:.1f} |"
    )
    rows = [
        "| Kiểu văn bản | Số văn bản | Đúng / số nhiệm vụ (có danh bạ đơn vị) | Không có danh bạ |",
        "|---|---|---|---|",
    ]
    totals = [0, 0, 0, 0, 0]
    for style, label in STYLES.items():
        n, right, counted = a["with"][style]
        _n, right0, counted0 = a["without"][style]
        rows.append(
            f"| {label} | {n} | {right}/{counted} ({right / counted:.0%}) | {right0}/{counted0} ({right0 / counted0:.0%}) |"
        )
        totals = [totals[0] + n, totals[1] + right, totals[2] + counted, totals[3] + right0, totals[4] + counted0]
    rows.append(
        f"| **Tổng** | {totals[0]} | {totals[1]}/{totals[2]} ({totals[1] / totals[2]:.0%}) | "
        f"{totals[3]}/{totals[4]} ({totals[3] / totals[4]:.0%}) |"
    )
    accuracy_md = "\n".join(rows)
    print(speed_md)
    print(accuracy_md)
    if "--no-write" not in sys.argv:
        _replace(ROOT / "docs" / "performance.md", "parser-speed", speed_md)
        _replace(ROOT / "docs" / "assignments.md", "parser-accuracy", accuracy_md)


if __name__ == "__main__":
    main()
