"""`python manage.py parse_conclusion PATH --format json`: the items of a conclusion notice (DOMAIN §2)."""

import json

from django.core.management.base import BaseCommand, CommandError

from assignments.parsing import parse_conclusion, read_document_text
from organizations.selectors import UnitNameIndex


class Command(BaseCommand):
    help = "Đọc thông báo kết luận (.txt, .docx, .pdf) và in các nội dung giao nhiệm vụ."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .txt (UTF-8), .docx hoặc .pdf (có lớp chữ)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, path, format, **options):
        try:
            text = read_document_text(path)
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {path}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        # The database's unit names help keep "Sở Khoa học và Công nghệ" whole when splitting lists.
        items = parse_conclusion(text, known_units=UnitNameIndex().names())
        if format == "json":
            self.stdout.write(json.dumps([item.as_dict() for item in items], ensure_ascii=False, indent=2))
            return
        for number, item in enumerate(items, start=1):
            deadline = item.deadline.strftime("%d/%m/%Y") if item.deadline else "—"
            self.stdout.write(f"{number}. [{item.kind}] {'; '.join(item.recipients)} (hạn {deadline})")
            if item.coordinators:
                self.stdout.write(f"   phối hợp: {'; '.join(item.coordinators)}")
