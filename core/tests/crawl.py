"""The page crawl shared by the whole-site checks (English text, labels): every HTML page a user reaches by
links from the home page, at most two addresses of each shape, no downloads."""

import re
from collections.abc import Callable

from django.test import Client

DOWNLOADS = re.compile(r"export=|\.(xlsx|docx|pdf|csv)$|/tep/")


def shape(url: str) -> str:
    """An address with its numbers and query values left out: /nhiem-vu/N/?page."""
    path, _sep, query = url.partition("?")
    keys = sorted(part.split("=")[0] for part in query.split("&") if part)
    return re.sub(r"/\d+", "/N", path) + "?" + "&".join(keys)


def crawl(client: Client, visit: Callable[[str, str], list[str]], limit: int = 300) -> int:
    """GET pages breadth-first from "/"; `visit(url, html)` checks one page and returns its links.
    Returns how many addresses were requested."""
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue = ["/"]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or shapes.get(shape(url), 0) >= 2 or DOWNLOADS.search(url):
            continue
        shapes[shape(url)] = shapes.get(shape(url), 0) + 1
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        queue.extend(visit(url, response.content.decode()))
    return len(seen)
