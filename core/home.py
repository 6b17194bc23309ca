"""The home page ("Việc của tôi") is made of sections that each app registers in `AppConfig.ready()`.

A section is a function `(user, today) -> dict | None` returning the context of its template (`template` key)
or None when it has nothing for this user. Each section runs a fixed number of queries, whatever the amount
of data (see `assignments/tests/test_home.py`), so the home page stays quick for a province focal point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Section = Callable[[Any, dt.date], dict[str, Any] | None]


@dataclass(frozen=True)
class HomeSection:
    key: str
    order: int
    build: Section


_SECTIONS: dict[str, HomeSection] = {}


def register_home_section(key: str, build: Section, *, order: int = 100) -> None:
    _SECTIONS[key] = HomeSection(key=key, order=order, build=build)


def home_sections(user, today: dt.date) -> list[dict[str, Any]]:
    built = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        context = section.build(user, today)
        if context:
            built.append({"key": section.key, **context})
    return built
