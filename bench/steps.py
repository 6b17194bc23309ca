"""One benchmark step per process, so that peak memory (ru_maxrss) belongs to that step alone.

python -m bench.steps setup N_UNITS N_PROCEDURES
python -m bench.steps generate PATH ROWS
python -m bench.steps import PATH
python -m bench.steps figures
python -m bench.steps baseline-load PATH
python -m bench.steps baseline-upsert PATH
python -m bench.steps baseline-query
"""

import csv
import datetime as dt
import json
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
CHANNELS = ["Trực tiếp", "Trực tuyến", "Bưu chính công ích"]


def _django():
    import django

    django.setup()


def setup(n_units: int, n_procedures: int) -> None:
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from onestop.models import Procedure, ServiceLevel
    from organizations.models import Unit

    root, _ = Unit.objects.get_or_create(code="BENCH", defaults={"short_name": "UBND tỉnh Thử", "kind": "committee"})
    Unit.objects.bulk_create(
        [Unit(code=f"B{i}", short_name=f"UBND xã Thử {i}", kind="commune", parent=root) for i in range(n_units)],
        ignore_conflicts=True,
    )
    levels = list(ServiceLevel.objects.all())
    rng = random.Random(7)
    Procedure.objects.bulk_create(
        [
            Procedure(code=f"9.{i:06d}", name=f"Thủ tục {i}", service_level=rng.choice(levels))
            for i in range(n_procedures)
        ],
        ignore_conflicts=True,
    )


def generate(path: str, rows: int, n_units: int, n_procedures: int) -> None:
    rng = random.Random(42)
    start = dt.date(2026, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "Mã hồ sơ",
                "Mã TTHC",
                "Đơn vị tiếp nhận",
                "Kênh nộp",
                "Ngày tiếp nhận",
                "Ngày hẹn trả",
                "Ngày có kết quả",
                "Trả kết quả qua BCCI",
            ]
        )
        for i in range(rows):
            received = start + dt.timedelta(days=rng.randrange(365))
            due = received + dt.timedelta(days=rng.randrange(1, 20))
            done = received + dt.timedelta(days=rng.randrange(0, 25)) if rng.random() < 0.85 else None
            writer.writerow(
                [
                    f"HS-{i:09d}",
                    f"9.{rng.randrange(n_procedures):06d}",
                    f"UBND xã Thử {rng.randrange(n_units)}",
                    CHANNELS[rng.randrange(3)],
                    received.strftime("%d/%m/%Y") + " 08:30",
                    due.strftime("%d/%m/%Y"),
                    done.strftime("%d/%m/%Y") if done else "",
                    "Có" if rng.random() < 0.1 else "Không",
                ]
            )


def do_import(path: str) -> dict:
    _django()
    from onestop.services import dossiers_import

    began = time.perf_counter()
    summary = dossiers_import(source=path)
    return {"seconds": time.perf_counter() - began, "rows": summary.rows}


def figures() -> dict:
    _django()
    from django.core.cache import cache

    from onestop.selectors import onestop_figures, unit_tree_ids
    from organizations.models import Unit

    def timed(**kwargs) -> float:
        # The median of three computed runs: the figures are cached per import generation, so the cache is
        # emptied before each run (a cached run would measure the cache, not the figures).
        runs = []
        for _ in range(3):
            cache.clear()
            began = time.perf_counter()
            onestop_figures(start=Q_START, end=Q_END, **kwargs)
            runs.append(time.perf_counter() - began)
        return sorted(runs)[1]

    unit = Unit.objects.get(code="B1")
    return {"whole_tree": timed(), "one_unit": timed(unit_ids=unit_tree_ids(unit))}


def baseline_load(path: str) -> dict:
    _django()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw")
        cursor.execute(
            "CREATE TABLE bench_raw (code text, procedure text, unit text, channel text, received text, "
            "due text, done text, postal text)"
        )
        began = time.perf_counter()
        if connection.vendor == "postgresql":
            with (
                open(path, "rb") as fh,
                cursor.cursor.copy("COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
        else:
            with open(path, encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                next(reader)
                cursor.executemany("INSERT INTO bench_raw VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", reader)
        connection.commit() if not connection.get_autocommit() else None
        seconds = time.perf_counter() - began
        cursor.execute("DROP TABLE bench_raw")
    return {"seconds": seconds}


UPSERT_SQL = """
INSERT INTO onestop_dossier (code, procedure_id, receiving_unit_id, channel, received_on, due_on, completed_on,
                             postal_return)
SELECT r.code, p.id, u.id,
       CASE r.channel WHEN 'Trực tiếp' THEN 'in_person' WHEN 'Trực tuyến' THEN 'online' ELSE 'postal' END,
       {received}, {due}, {done}, r.postal = 'Có'
FROM bench_stage r JOIN onestop_procedure p ON p.code = r.procedure JOIN organizations_unit u ON u.short_name = r.unit
WHERE true
ON CONFLICT (code, receiving_unit_id) DO UPDATE SET procedure_id = excluded.procedure_id,
    channel = excluded.channel, received_on = excluded.received_on, due_on = excluded.due_on,
    completed_on = excluded.completed_on, postal_return = excluded.postal_return
"""


def _sqlite_date(column: str) -> str:
    # 'dd/mm/yyyy[ HH:MM]' → 'yyyy-mm-dd', the way Django stores a date in SQLite.
    return f"CASE WHEN r.{column} = '' THEN NULL ELSE substr(r.{column}, 7, 4) || '-' || substr(r.{column}, 4, 2) || '-' || substr(r.{column}, 1, 2) END"


def baseline_upsert(path: str) -> dict:
    """The same write as the import, hand-written and without any validation: the raw file into a staging
    table (COPY on PostgreSQL), then one INSERT … SELECT … ON CONFLICT into the real, empty dossier table with
    its indexes and foreign keys (checked immediately). Rolled back, so the import that follows starts empty."""
    _django()
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        began = time.perf_counter()
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL datestyle = 'ISO, DMY'")
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_stage (code text, procedure text, unit text, channel text, "
                "received date, due date, done date, postal text)"
            )
            with (
                open(path, "rb") as fh,
                cursor.cursor.copy("COPY bench_stage FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
            cursor.execute("ANALYZE bench_stage")
            cursor.execute(UPSERT_SQL.format(received="r.received", due="r.due", done="r.done"))
        else:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_stage (code text, procedure text, unit text, channel text, "
                "received text, due text, done text, postal text)"
            )
            with open(path, encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                next(reader)
                cursor.executemany("INSERT INTO bench_stage VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", reader)
            sql = UPSERT_SQL.format(
                received=_sqlite_date("received"), due=_sqlite_date("due"), done=_sqlite_date("done")
            )
            cursor.execute(sql)
        written = cursor.rowcount
        seconds = time.perf_counter() - began
        transaction.set_rollback(True)
    return {"seconds": seconds, "rows": written}


def baseline_query() -> dict:
    _django()
    from django.db import connection

    sql = (
        "SELECT d.receiving_unit_id, count(*), "
        "sum(CASE WHEN l.online_capable THEN 1 ELSE 0 END), "
        "sum(CASE WHEN l.online_capable AND d.channel = 'online' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN d.channel = 'postal' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN d.postal_return THEN 1 ELSE 0 END), "
        "sum(CASE WHEN d.completed_on IS NOT NULL THEN 1 ELSE 0 END), "
        "sum(CASE WHEN d.completed_on <= d.due_on THEN 1 ELSE 0 END), "
        "sum(CASE WHEN d.completed_on IS NULL AND d.due_on < %s THEN 1 ELSE 0 END) "
        "FROM onestop_dossier d JOIN onestop_procedure p ON p.id = d.procedure_id "
        "JOIN onestop_servicelevel l ON l.id = p.service_level_id "
        "WHERE d.received_on BETWEEN %s AND %s GROUP BY d.receiving_unit_id"
    )
    runs = []
    with connection.cursor() as cursor:
        for _ in range(3):
            began = time.perf_counter()
            cursor.execute(sql, [Q_END, Q_START, Q_END])
            cursor.fetchall()
            runs.append(time.perf_counter() - began)
    return {"seconds": sorted(runs)[1]}


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(int(args[0]), int(args[1]))
        result: dict = {}
    elif command == "generate":
        generate(args[0], int(args[1]), int(args[2]), int(args[3]))
        result = {}
    elif command == "import":
        result = do_import(args[0])
    elif command == "figures":
        result = figures()
    elif command == "baseline-load":
        result = baseline_load(args[0])
    elif command == "baseline-upsert":
        result = baseline_upsert(args[0])
    elif command == "baseline-query":
        result = baseline_query()
    else:
        raise SystemExit(f"unknown step {command}")
    print(json.dumps(result))
