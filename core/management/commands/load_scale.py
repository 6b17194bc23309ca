from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu quy mô tỉnh để đo tải (issue 10): đơn vị, TTHC, hồ sơ một cửa, thông báo kết luận, "
        "Chỉ số CCHC — qua đúng các đường nhập của hệ thống; cùng tham số cho cùng dữ liệu (idempotent)."
    )

    def add_arguments(self, parser):
        from bench.scale import Sizes

        defaults = Sizes()
        for name in Sizes.__dataclass_fields__:
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))

    def handle(self, *args, **options):
        from bench.scale import SCALE_PASSWORD, Sizes, load_scale

        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        timings = load_scale(sizes, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Xong trong {sum(timings.values()):.0f} s."))
        self.stdout.write(f"Tài khoản: scale.focal, scale.leader, scale.officer.0… (mật khẩu {SCALE_PASSWORD})")
