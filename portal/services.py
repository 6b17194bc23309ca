"""Writes of the public site's news. Every one asks organizations.permissions ("publish": the communications
role and administrators) and bumps the "portal" generation, which names the cache of the public pages."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import generations
from core.errors import ApplicationError
from core.files import check_upload
from organizations import permissions
from organizations.models import Unit
from portal.choices import ArticleStatus
from portal.conf import image_max_mb
from portal.models import Article, ArticleImage, Category
from portal.slugs import unique_slug

GENERATION = "portal"
IMAGE_TYPES = (".png", ".jpg", ".jpeg")


def _require(user, unit_id: int | None) -> None:
    if not permissions.can_publish(user, unit_id):
        raise ApplicationError(_("Bạn không có quyền đăng tin của đơn vị này."))


def _slug_for(title: str, exclude_pk: int | None = None) -> str:
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk is not None else Article.objects.all()
    return unique_slug(title, lambda s: others.filter(slug=s).exists())


def _author_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


@transaction.atomic
def article_create(
    *,
    user,
    unit: Unit,
    title: str,
    summary: str = "",
    body: str = "",
    category: Category | None = None,
    featured: bool = False,
    author_name: str = "",
) -> Article:
    """A draft article; its slug follows the title until it is first published."""
    _require(user, unit.pk)
    article = Article(
        unit=unit,
        title=title.strip(),
        slug=_slug_for(title),
        summary=summary.strip(),
        body=body,
        category=category,
        featured=featured,
        author=user,
        author_name=author_name.strip() or _author_name(user),
    )
    article.full_clean()
    article.save()
    generations.bump(GENERATION)
    return article


@transaction.atomic
def article_update(
    *,
    user,
    article: Article,
    title: str,
    summary: str = "",
    body: str = "",
    category: Category | None = None,
    featured: bool = False,
    author_name: str = "",
    unit: Unit | None = None,
) -> Article:
    """Edit an article. The slug of an article that was ever published never changes (links stay valid)."""
    _require(user, article.unit_id)
    if unit is not None and unit.pk != article.unit_id:
        _require(user, unit.pk)
        article.unit = unit
    article.title = title.strip()
    if article.first_published_at is None:
        article.slug = _slug_for(title, exclude_pk=article.pk)
    article.summary = summary.strip()
    article.body = body
    article.category = category
    article.featured = featured
    article.author_name = author_name.strip() or article.author_name or _author_name(user)
    article.full_clean()
    article.save()
    generations.bump(GENERATION)
    return article


@transaction.atomic
def article_publish(*, user, article: Article, published_at: dt.datetime | None = None) -> Article:
    """Publish now (or at `published_at`: a later date keeps it off the public site until then)."""
    _require(user, article.unit_id)
    if not article.title.strip() or not (article.summary.strip() or article.body.strip()):
        raise ApplicationError(_("Bài viết cần có tiêu đề và tóm tắt hoặc nội dung trước khi đăng."))
    now = timezone.now()
    article.status = ArticleStatus.PUBLISHED
    article.published_at = published_at or article.published_at or now
    article.first_published_at = article.first_published_at or now
    article.save(update_fields=["status", "published_at", "first_published_at", "updated_at"])
    generations.bump(GENERATION)
    return article


@transaction.atomic
def article_unpublish(*, user, article: Article) -> Article:
    """Back to draft: off the public site at once (the slug stays reserved for it)."""
    _require(user, article.unit_id)
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status", "updated_at"])
    generations.bump(GENERATION)
    return article


@transaction.atomic
def article_delete(*, user, article: Article) -> None:
    """Delete a draft that was never published (a published article is taken down, not deleted)."""
    _require(user, article.unit_id)
    if article.first_published_at is not None:
        raise ApplicationError(_("Bài viết đã từng được đăng: hãy gỡ xuống thay vì xóa."))
    for image in article.images.all():
        image.file.delete(save=False)
    article.delete()
    generations.bump(GENERATION)


@transaction.atomic
def article_image_add(*, user, article: Article, upload, alt: str) -> ArticleImage:
    """An image through the upload policy (PNG or JPEG, content checked, random stored name)."""
    _require(user, article.unit_id)
    if not alt.strip():
        raise ApplicationError(_("Hãy nhập mô tả ảnh (cho người đọc bằng trình đọc màn hình)."))
    check_upload(upload, allowed=IMAGE_TYPES, max_mb=image_max_mb())
    name = upload.name.rsplit("/", 1)[-1]
    image = ArticleImage(
        article=article,
        name=name[:255],
        alt=alt.strip(),
        size=upload.size,
        content_type="image/png" if name.lower().endswith(".png") else "image/jpeg",
    )
    image.file.save(name, upload, save=False)  # upload_to gives it a random name
    image.save()
    generations.bump(GENERATION)
    return image
