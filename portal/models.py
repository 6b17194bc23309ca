"""The public site's news: categories, articles (Markdown body, sanitised when shown) and their images."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from portal.choices import ArticleStatus


class Category(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:category", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__isnull=False)


class Article(TimeStampedModel):
    """A news article of a unit. Written and published by the communications role (permissions "publish")."""

    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="articles", verbose_name=_("đơn vị đăng")
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    # ASCII, no diacritics ("đ" → "d"); fixed once the article has been published (links must not break).
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True)
    summary = models.TextField(_("tóm tắt"), max_length=600, blank=True)
    body = models.TextField(_("nội dung (Markdown)"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="articles", verbose_name=_("chuyên mục")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("tác giả"), max_length=200, blank=True)
    featured = models.BooleanField(_("tin nổi bật"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_status_published")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:article", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def status_css(self) -> str:
        return ArticleStatus(self.status).css


def image_path(instance: ArticleImage, filename: str) -> str:
    from core.files import storage_name

    return storage_name("portal", filename)


class ArticleImage(TimeStampedModel):
    """An image uploaded for an article (through core.files): served by the portal, written into the body as
    Markdown `![text](anh:ID)`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images", verbose_name=_("bài viết"))
    file = models.FileField(_("tệp"), upload_to=image_path, max_length=300)
    name = models.CharField(_("tên tệp"), max_length=255)
    alt = models.CharField(_("mô tả ảnh"), max_length=300)
    content_type = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    def __str__(self) -> str:
        return self.name

    @property
    def markdown(self) -> str:
        return f"![{self.alt}](anh:{self.pk})"
