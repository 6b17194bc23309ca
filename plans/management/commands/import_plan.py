"""`import_plan PATH --kind KIND --year YYYY [--unit CODE --user NAME] [--number … --date dd/mm/yyyy]
[--dry-run] [--format json]` (DOMAIN §9)."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from core.errors import ApplicationError
from core.management.base import ImportCommand
from core.tabular import ImportFailed, parse_date
from organizations.models import Unit
from plans.models import PlanKind
from plans.parsing import PlanFileError, parse_plan_file
from plans.services import name_index, plan_import, plan_read


class Command(ImportCommand):
    help = (
        "Đọc bảng nhiệm vụ của kế hoạch (.docx, .xlsx, .csv). Với --dry-run chỉ in những gì đọc được; "
        "không có --dry-run thì tạo kế hoạch và giao nhiệm vụ (cần --unit và --user)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--kind", required=True, help="Mã loại kế hoạch, ví dụ cchc")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--unit", default="", help="Mã cơ quan ban hành (để khớp tên đơn vị)")
        parser.add_argument("--user", default="", help="Tên đăng nhập người nhập")
        parser.add_argument("--number", default="")
        parser.add_argument("--date", default="", help="dd/mm/yyyy")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def run_import(self, path: str, **options):
        kind = PlanKind.objects.filter(code=options["kind"]).first()
        if kind is None:
            codes = ", ".join(PlanKind.objects.values_list("code", flat=True))
            raise CommandError(f"Không có loại kế hoạch «{options['kind']}». Các loại: {codes}")
        try:
            date = parse_date(options["date"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã «{options['unit']}».")
        data = Path(path).read_bytes()
        year = options["year"]
        if options["dry_run"]:
            if unit is not None:
                preview = plan_read(source=data, filename=path, year=year, index=name_index(unit))
                if preview.errors:
                    raise ImportFailed(preview.errors)
                parsed = preview.parsed
            else:
                try:
                    parsed = parse_plan_file(data, filename=path, year=year)
                except PlanFileError as exc:
                    raise ApplicationError(str(exc)) from exc
                if parsed.errors:
                    raise ImportFailed(parsed.errors)
            if options["format"] == "json":
                self.stdout.write(json.dumps(parsed.as_dict(), ensure_ascii=False, indent=1))
                return None
            return f"{len(parsed.sections)} mục, {len(parsed.tasks)} nhiệm vụ (chạy thử, không ghi gì)."
        if unit is None or not options["user"]:
            raise CommandError("Cần --unit (cơ quan ban hành) và --user (người nhập) để nhập kế hoạch.")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{options['user']}».")
        summary = plan_import(
            source=data,
            filename=Path(path).name,
            kind=kind,
            year=year,
            issuing_unit=unit,
            created_by=user,
            number=options["number"],
            date=date,
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps({"plan": summary.plan.pk, "summary": str(summary)}, ensure_ascii=False))
            return None
        return str(summary)

    def handle(self, *args, path, **options):
        try:
            message = self.run_import(path, **options)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {path}") from exc
        if message:
            self.stdout.write(self.style.SUCCESS(message))
