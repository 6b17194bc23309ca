"""Article bodies: Markdown (raw HTML off) rendered by markdown-it-py, then sanitised by nh3 (an allow-list).

Images uploaded for the article are written `![text](anh:ID)` and become the portal's image address when
shown, so the same body works under /cong-khai/ and on the public host.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_IMAGE_REF = re.compile(r"\]\(anh:(\d+)\)")
TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "blockquote", "a", "img", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}}


def render(body: str, image_url: Callable[[int], str]) -> str:
    """Safe HTML of a Markdown body; `image_url(id)` gives the address of an uploaded image."""
    source = _IMAGE_REF.sub(lambda m: f"]({image_url(int(m.group(1)))})", body or "")
    html = _MD.render(source)
    # h1 is the article's title: headings in the body start at h2.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
