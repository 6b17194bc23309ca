"""API pagination for tables of millions of rows (the dossiers): the count stops at a cap.

A page number paginator counts every matching row on each page: a million-row COUNT for a list of 50.
Here the count reads at most `CAP + 1` rows (`count_capped` says when there are more); narrow the list
with filters to page further, or read the figures endpoint for totals.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

CAP = 10_000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        # No ORDER BY inside the count: a LIMIT over an ordered million rows would sort them all.
        rows: Any = self.object_list
        if isinstance(rows, QuerySet):
            return min(rows.order_by()[: self.cap + 1].count(), self.cap + 1)
        return min(len(rows), self.cap + 1)

    @property
    def capped(self) -> bool:
        return self.count > self.cap


class CappedCountPagination(PageNumberPagination):
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.cap),
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"true when more than {CAP} rows match: count stops there",
        }
        response["required"] = [*response.get("required", []), "count_capped"]
        return response
