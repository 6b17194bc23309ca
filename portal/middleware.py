"""The optional public host (settings.PUBLIC_HOST): requests on it are served the portal's public URLconf at
"/" (news, scoreboards, directives, lookup and the survey answer pages), nothing of the staff site."""

from __future__ import annotations

from portal.conf import public_host

PUBLIC_URLCONF = "portal.public_host_urls"


class PublicHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = public_host()
        if host and request.get_host().split(":")[0].lower() == host:
            request.urlconf = PUBLIC_URLCONF
        return self.get_response(request)
