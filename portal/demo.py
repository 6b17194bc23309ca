"""Demo public site (idempotent): a few articles of huyện Châu Thành and the demo directive made public."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments.models import Directive
from organizations.models import Unit
from portal import services
from portal.models import Article, Category
from portal.slugs import vietnamese_slug

ARTICLES = [
    (
        "Huyện Châu Thành đẩy mạnh tiếp nhận hồ sơ trực tuyến",
        "cai-cach-hanh-chinh",
        True,
        "Tỷ lệ hồ sơ nộp trực tuyến tại Trung tâm Phục vụ hành chính công tăng rõ trong quý III.",
        "## Kết quả nổi bật\n\nTrong quý III, **tỷ lệ hồ sơ nộp trực tuyến** tăng so với cùng kỳ.\n\n"
        "- Hướng dẫn người dân tại bộ phận một cửa;\n- Bố trí máy tính hỗ trợ nộp hồ sơ.\n",
    ),
    (
        "Thông báo lịch tiếp công dân tháng 12",
        "thong-bao",
        False,
        "Lãnh đạo UBND huyện tiếp công dân định kỳ vào ngày 15 hằng tháng.",
        "Địa điểm: Trụ sở tiếp công dân huyện. Thời gian: từ 7 giờ 30.",
    ),
    (
        "Hội nghị sơ kết công tác cải cách hành chính 6 tháng",
        "tin-hoat-dong",
        False,
        "Các phòng, ban và UBND các xã báo cáo kết quả, đề ra nhiệm vụ 6 tháng cuối năm.",
        "Hội nghị đánh giá kết quả thực hiện kế hoạch cải cách hành chính và chỉ số PAR INDEX.",
    ),
]


def load_demo() -> None:
    district = Unit.objects.filter(code="CT").first()
    writer = get_user_model().objects.filter(username="truyenthong.huyen").first()
    if district is None or writer is None:
        return
    Directive.objects.filter(issuing_unit=district, number="245/TB-UBND").exclude(status="draft").update(is_public=True)
    if Article.objects.filter(slug__in=_slugs()).exists():
        return
    now = timezone.now()
    for days_ago, (title, category, featured, summary, body) in enumerate(ARTICLES):
        article = services.article_create(
            user=writer,
            unit=district,
            title=title,
            summary=summary,
            body=body,
            category=Category.objects.filter(slug=category).first(),
            featured=featured,
        )
        services.article_publish(user=writer, article=article, published_at=now - dt.timedelta(days=days_ago * 3))


def _slugs() -> list[str]:
    return [vietnamese_slug(title) for title, *_rest in ARTICLES]


def remove_demo() -> int:
    """Delete the demo articles (by their slugs) and take the demo directive off the public site."""
    Directive.objects.filter(number="245/TB-UBND", is_public=True).update(is_public=False)
    return Article.objects.filter(slug__in=_slugs()).delete()[0]
