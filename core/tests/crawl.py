"""The page crawl shared by the whole-site checks (links answer, no 500, CSP and headers, English text,
labels): breadth-first from the home page by GET links, a bounded number of addresses of each shape."""

import re
from collections.abc import Callable

from django.http import HttpResponse
from django.test import Client

DOWNLOADS = re.compile(r"export=|\.(xlsx|docx|pdf|csv)$|/tep/")


def shape(url: str) -> str:
    """An address with its numbers and query values left out: /nhiem-vu/N/?page."""
    path, _sep, query = url.partition("?")
    keys = sorted(part.split("=")[0] for part in query.split("&") if part)
    return re.sub(r"/\d+", "/N", path) + "?" + "&".join(keys)


def html_of(response: HttpResponse) -> str | None:
    """The page's HTML when the response is a page (200, text/html), else None."""
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return None
    return response.content.decode()


def crawl(
    client: Client,
    visit: Callable[[str, HttpResponse], list[str]],
    *,
    limit: int = 300,
    per_shape: int = 2,
    skip: re.Pattern[str] | None = DOWNLOADS,
) -> int:
    """GET addresses breadth-first from "/"; `visit(url, response)` checks one response and returns the links
    to follow. Returns how many addresses were requested."""
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue = ["/"]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or shapes.get(shape(url), 0) >= per_shape or (skip and skip.search(url)):
            continue
        shapes[shape(url)] = shapes.get(shape(url), 0) + 1
        seen.add(url)
        queue.extend(visit(url, client.get(url)))
    return len(seen)
