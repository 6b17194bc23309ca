"""Prints Locust's per-page statistics (the `--csv` file) as the table of docs/performance.md, with the
issue's targets: median ≤ 100 ms and p95 ≤ 500 ms for every page, no failures."""

from __future__ import annotations

import csv
import sys


def _ms(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def main(path: str) -> int:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    width = max(len(row["Name"]) for row in rows) + 2
    print(f"{'page':<{width}}{'requests':>9}{'fail':>6}{'median':>8}{'p95':>8}{'p99':>8}{'max':>8}  target")
    missed = 0
    for row in rows:
        name = row["Name"] if row["Type"] else "all requests"
        median, p95, p99 = _ms(row["50%"]), _ms(row["95%"]), _ms(row["99%"])
        failures = int(row["Failure Count"])
        ok = failures == 0 and median <= 100 and p95 <= 500
        # Logging in happens once per simulated user, at its start (password hashing): shown, not judged.
        judged = name not in ("all requests", "login", "login page")
        missed += judged and not ok
        print(
            f"{name:<{width}}{row['Request Count']:>9}{failures:>6}{median:>8.0f}{p95:>8.0f}{p99:>8.0f}"
            f"{_ms(row['Max Response Time']):>8.0f}  {('met' if ok else 'MISSED') if judged else '—'}"
        )
    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    if total:
        print(f"\nthroughput {float(total['Requests/s']):.1f} req/s; times in ms; {missed} page(s) missing the targets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/loadtest/run_stats.csv"))
