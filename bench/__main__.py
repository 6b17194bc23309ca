"""`make bench`: one-stop import and figures at scale, on PostgreSQL and SQLite, against hand-written baselines.

BENCH_ROWS (default 1,000,000), BENCH_UNITS (300), BENCH_PROCEDURES (2,000), BENCH_DATABASES ("postgresql,sqlite"),
BENCH_PG (default postgres://postgres@127.0.0.1:5432/). Data goes to bench/data/ (gitignored).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def run_step(env: dict, *args: str) -> tuple[dict, float]:
    """Run one step in its own process; return its JSON result and its peak RSS in MB."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.steps", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    if status != 0:
        raise SystemExit(f"step {args[0]} failed")
    return json.loads(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def bench_database(name: str, url: str, csv_path: Path, rows: int, units: int, procedures: int) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    run_step(env, "setup", str(units), str(procedures))
    upsert, _rss = run_step(env, "baseline-upsert", str(csv_path))
    if upsert["rows"] != rows:
        raise SystemExit(f"the hand-written upsert wrote {upsert['rows']} rows, not {rows}")
    imported, import_rss = run_step(env, "import", str(csv_path))
    reimported, _rss = run_step(env, "import", str(csv_path))
    figures, _rss = run_step(env, "figures")
    load, _rss = run_step(env, "baseline-load", str(csv_path))
    query, _rss = run_step(env, "baseline-query")
    return {
        "database": name,
        "rows": rows,
        "import_rows_per_s": rows / imported["seconds"],
        "import_seconds": imported["seconds"],
        "reimport_seconds": reimported["seconds"],
        "import_peak_mb": import_rss,
        "baseline_load_seconds": load["seconds"],
        "import_vs_baseline": imported["seconds"] / load["seconds"],
        "baseline_upsert_seconds": upsert["seconds"],
        "import_vs_upsert": imported["seconds"] / upsert["seconds"],
        "figures_whole_tree_s": figures["whole_tree"],
        "figures_one_unit_s": figures["one_unit"],
        "baseline_query_s": query["seconds"],
        "figures_vs_baseline": figures["whole_tree"] / query["seconds"],
    }


def main() -> None:
    rows = int(os.environ.get("BENCH_ROWS", "1000000"))
    units = int(os.environ.get("BENCH_UNITS", "300"))
    procedures = int(os.environ.get("BENCH_PROCEDURES", "2000"))
    databases = os.environ.get("BENCH_DATABASES", "postgresql,sqlite").split(",")
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/")
    DATA.mkdir(parents=True, exist_ok=True)
    csv_path = DATA / f"ho-so-{rows}.csv"
    if not csv_path.exists():
        print(f"generating {rows:,} dossier rows → {csv_path}", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.steps",
                "generate",
                str(csv_path),
                str(rows),
                str(units),  # noqa: S603
                str(procedures),
            ],
            cwd=ROOT,
            check=True,
        )
    results = []
    if "postgresql" in databases:
        dbname = f"tiendo_bench_{os.getpid()}"
        subprocess.run(["psql", pg, "-qc", f"CREATE DATABASE {dbname}"], check=True)  # noqa: S603,S607
        try:
            results.append(
                bench_database("PostgreSQL", pg.rstrip("/") + "/" + dbname, csv_path, rows, units, procedures)
            )
        finally:
            subprocess.run(["psql", pg, "-qc", f"DROP DATABASE IF EXISTS {dbname}"], check=False)  # noqa: S603,S607
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as folder:
            results.append(
                bench_database("SQLite", f"sqlite:///{folder}/bench.sqlite3", csv_path, rows, units, procedures)
            )
    print()
    print(f"{'':28}" + "".join(f"{r['database']:>14}" for r in results))
    lines = [
        ("import rows/s", "import_rows_per_s", "{:14,.0f}"),
        ("import seconds", "import_seconds", "{:14.1f}"),
        ("re-import (unchanged) s", "reimport_seconds", "{:14.1f}"),
        ("import peak RSS (MB)", "import_peak_mb", "{:14.0f}"),
        ("baseline raw load s", "baseline_load_seconds", "{:14.1f}"),
        ("import ÷ baseline", "import_vs_baseline", "{:14.2f}"),
        ("hand-written upsert s", "baseline_upsert_seconds", "{:14.1f}"),
        ("import ÷ upsert", "import_vs_upsert", "{:14.2f}"),
        ("quarter figures, tree s", "figures_whole_tree_s", "{:14.3f}"),
        ("quarter figures, 1 unit s", "figures_one_unit_s", "{:14.3f}"),
        ("baseline GROUP BY s", "baseline_query_s", "{:14.3f}"),
        ("figures ÷ baseline", "figures_vs_baseline", "{:14.2f}"),
    ]
    for label, key, fmt in lines:
        print(f"{label:28}" + "".join(fmt.format(r[key]) for r in results))


if __name__ == "__main__":
    main()
