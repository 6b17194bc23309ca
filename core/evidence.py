"""A registry of evidence candidates for PAR Index criteria, so that parindex offers other apps' documents
(ISO announcement decisions, audit reports, approved file lists…) without importing those apps.

Apps register a provider in `AppConfig.ready()`:

    register_evidence_source("quality", candidates_for)

`provider(unit_ids, start, end)` returns the `EvidenceCandidate`s of those units dated within [start, end].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceCandidate:
    title: str  # what the document is, e.g. "Quyết định công bố HTQLCL – UBND xã Tân Phú"
    number: str = ""  # number/symbol
    date: dt.date | None = None
    issuer: str = ""
    url: str = ""  # where the user can open it


Provider = Callable[[Iterable[int], dt.date, dt.date], list[EvidenceCandidate]]
_SOURCES: dict[str, Provider] = {}


def register_evidence_source(key: str, provider: Provider) -> None:
    _SOURCES[key] = provider


def evidence_candidates(unit_ids: Iterable[int], start: dt.date, end: dt.date) -> list[EvidenceCandidate]:
    ids = list(unit_ids)
    found: list[EvidenceCandidate] = []
    for key in sorted(_SOURCES):
        found.extend(_SOURCES[key](ids, start, end))
    return found
