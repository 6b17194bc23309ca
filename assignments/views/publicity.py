"""Mark an issued directive's progress public (portal) or not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments import selectors, services
from core.errors import ApplicationError


@login_required
@require_POST
def directive_public(request, pk):
    directive = get_object_or_404(selectors.directive_list(user=request.user), pk=pk)
    try:
        services.directive_set_public(
            directive=directive, is_public=request.POST.get("is_public") == "1", user=request.user
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if directive.is_public:
            messages.success(request, _("Đã công khai tiến độ văn bản trên trang công khai."))
        else:
            messages.success(request, _("Đã thôi công khai văn bản."))
    return redirect(directive.get_absolute_url())
