"""The newsroom: the communications role writes, illustrates and publishes articles (portal.services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.selectors import audit_history
from organizations import permissions
from organizations.models import Unit
from portal import selectors, services
from portal.forms import ArticleForm, ImageForm, PublishForm
from portal.models import Article


def _units(user):
    return permissions.scoped(Unit.objects.all(), user, "publish", field="pk").order_by("short_name")


def _article(request, pk: int) -> Article:
    return get_object_or_404(selectors.articles_for_staff(user=request.user), pk=pk)


def _fields(form: ArticleForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "summary": data.get("summary", ""),
        "body": data.get("body", ""),
        "category": data.get("category"),
        "featured": data.get("featured", False),
        "author_name": data.get("author_name", ""),
    }


@login_required
def staff_articles(request):
    can_write = permissions.may_publish_somewhere(request.user)
    articles = selectors.articles_for_staff(user=request.user).order_by("-updated_at", "-pk")
    page = Paginator(articles, 25).get_page(request.GET.get("trang"))
    return render(request, "portal/staff/list.html", {"page": page, "can_write": can_write})


@login_required
def staff_article_new(request):
    units = _units(request.user)
    if not units.exists():
        raise Http404
    form = ArticleForm(request.POST or None, units=units, initial={"unit": units.first()})
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(user=request.user, unit=form.cleaned_data["unit"], **_fields(form))
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("portal:staff_article_edit", pk=article.pk)
    return render(request, "portal/staff/edit.html", {"form": form})


@login_required
def staff_article_edit(request, pk: int):
    article = _article(request, pk)
    form = ArticleForm(request.POST or None, instance=article, units=_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(user=request.user, article=article, unit=form.cleaned_data["unit"], **_fields(form))
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu bài viết."))
            return redirect("portal:staff_article_edit", pk=article.pk)
    context = {
        "form": form,
        "article": article,
        "image_form": ImageForm(),
        "publish_form": PublishForm(),
        "images": article.images.all(),
        "history": audit_history(article, allowed=permissions.can_publish(request.user, article.unit_id)),
    }
    return render(request, "portal/staff/edit.html", context)


@login_required
@require_POST
def staff_article_images(request, pk: int):
    """Upload an image (htmx: the list of images comes back)."""
    article = _article(request, pk)
    form = ImageForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        try:
            services.article_image_add(
                user=request.user, article=article, upload=form.cleaned_data["image"], alt=form.cleaned_data["alt"]
            )
        except ApplicationError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    context = {"article": article, "images": article.images.all(), "image_form": ImageForm(), "image_error": error}
    if request.htmx:
        return render(request, "portal/staff/_images.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("portal:staff_article_edit", pk=article.pk)


@login_required
@require_POST
def staff_article_publish(request, pk: int):
    article = _article(request, pk)
    try:
        if request.POST.get("action") == "unpublish":
            services.article_unpublish(user=request.user, article=article)
            messages.success(request, _("Đã gỡ bài viết khỏi trang công khai."))
        else:
            form = PublishForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Ngày đăng không hợp lệ."))
            services.article_publish(user=request.user, article=article, published_at=form.cleaned_data["published_at"])
            messages.success(request, _("Đã đăng bài viết lên trang công khai."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("portal:staff_article_edit", pk=article.pk)


@login_required
@require_POST
def staff_article_delete(request, pk: int):
    article = _article(request, pk)
    try:
        services.article_delete(user=request.user, article=article)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("portal:staff_article_edit", pk=article.pk)
    messages.success(request, _("Đã xóa bản nháp."))
    return redirect("portal:staff_articles")
