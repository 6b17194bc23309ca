"""The public site: no login, cached whole (portal.cache), plain HTML with one small stylesheet, no script."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core import charts, ratelimit
from portal import markup, selectors
from portal.cache import public_page
from portal.conf import lookup_limit
from portal.forms import LookupForm, ScoreboardForm
from portal.models import ArticleImage, Category

PAGE_SIZE = 10


def not_found(request, exception=None):
    """The public site's own 404 (its look, no staff menu); also handler404 of the public host."""
    return render(request, "portal/404.html", status=404)


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def _rate_chart(rows, key: str):
    items = [(r["unit"], (r[key] or 0) * 100, _percent(r[key]), "ok") for r in rows if r[key] is not None]
    return charts.horizontal_bars(items, scale_max=100, width=400, label_width=175) if items else None


def _scoreboard_summary():
    today = timezone.localdate()
    return selectors.scoreboard(ScoreboardForm({"ky": str(today.year)}).period())["total"]


@csrf_exempt  # a CSRF token would give each visitor their own copy of the cached pages; a forged switch
@require_POST  # only changes the visitor's own language cookie
def set_language(request):
    """The public pages' language switch: Django's set_language, back to the page it was chosen on."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        request.POST = request.POST.copy()
        request.POST["next"] = reverse("portal:home")
    return django_set_language(request)


@public_page
def home(request):
    context = {
        **selectors.home_news(),
        "summary": _scoreboard_summary(),
        "year": timezone.localdate().year,
        "categories": selectors.categories_in_use(),
        "directives": selectors.directives_public()[:5],
    }
    return render(request, "portal/home.html", context)


def _news_page(request, category: Category | None):
    pages = Paginator(selectors.articles_public(category=category), PAGE_SIZE)
    page = pages.get_page(request.GET.get("trang"))  # anything not a page number is the first (or last) page
    context = {"page": page, "category": category, "categories": selectors.categories_in_use()}
    return render(request, "portal/news.html", context)


@public_page
def news(request):
    return _news_page(request, None)


@public_page
def category(request, slug: str):
    found = Category.objects.filter(slug=slug).first()
    return _news_page(request, found) if found else not_found(request)


@public_page
def article(request, slug: str):
    found = selectors.article_public(slug)
    if found is None:
        return not_found(request)
    body = markup.render(found.body, lambda pk: reverse("portal:image", args=[pk]))
    return render(request, "portal/article.html", {"article": found, "body": body})


def image(request, pk: int):
    """An article's image, for published articles only (a draft's images stay with its writers)."""
    from organizations import permissions

    found = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    visible = selectors.articles_public().filter(pk=found.article_id).exists()
    if not visible and not permissions.can_publish(request.user, found.article.unit_id):
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "public, max-age=86400" if visible else "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public_page
def scoreboards(request):
    form = ScoreboardForm(request.GET or None)
    period = form.period()
    board = selectors.scoreboard(period)
    context = {
        "form": form,
        "board": board,
        "on_time_chart": _rate_chart(board["units"], "on_time_rate"),
        "online_chart": _rate_chart(board["units"], "online_rate"),
        "satisfaction_chart": _rate_chart(board["units"], "satisfaction"),
        "par": selectors.par_results(),
        "comments": selectors.public_comments(),
    }
    return render(request, "portal/scoreboards.html", context)


@public_page
def directive_list(request):
    return render(request, "portal/directives.html", {"directives": selectors.directives_public()[:100]})


@public_page
def directive_detail(request, pk: int):
    directive = selectors.directives_public().filter(pk=pk).first()
    if directive is None:  # not marked public, a draft, or none: the same answer
        return not_found(request)
    return render(
        request,
        "portal/directive.html",
        {"directive": directive, "items": selectors.directive_progress(directive)},
    )


@never_cache
def lookup(request):
    """Dossier status by code: status and due date only, limited per client address (core.ratelimit)."""
    form = LookupForm(request.GET or None)
    context = {"form": form}
    status = 200
    if form.is_bound and form.is_valid():
        limit, window = lookup_limit()
        if not ratelimit.allowed(request, "portal:lookup", limit=limit):
            context["refused"] = _("Đã tra cứu quá nhiều lần từ kết nối này. Xin vui lòng thử lại sau.")
            status = 429
        else:
            ratelimit.hit(request, "portal:lookup", window=window)
            context["results"] = selectors.dossier_lookup(form.cleaned_data["ma"])
            context["searched"] = True
    elif form.is_bound:
        status = 400
    response = render(request, "portal/lookup.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"  # the code in the address never leaves the site
    return response
