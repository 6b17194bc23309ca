"""Generated write-scope test (issue 9; NetBox's constrained-permission tests are the model).

Every write address — each non-GET API operation with an id, read from the OpenAPI schema, and each page
of the domain apps that takes an object id — is called by every demo account against an object outside
that account's scope (decided by `organizations.permissions`, never by hand), with a body that would be
accepted inside it. The database must not change, and the answer must be a refusal (400/403/404/405/415) or
the page again, never a success. A new write address of these apps is walked automatically; an address
whose object kind is unknown here fails the test until it is added to OBJECTS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from organizations import permissions
from organizations.demo import USERS

DOMAIN_NAMESPACES = {"assignments", "parindex", "onestop", "organizations", "portal"}
# Tables a write of these apps could touch (audit tables are left out: a refusal may be recorded there).
WATCHED = [
    "assignments.Directive",
    "assignments.DirectiveItem",
    "assignments.Assignment",
    "assignments.ProgressReport",
    "assignments.Attachment",
    "assignments.ExtensionRequest",
    "parindex.CriteriaSet",
    "parindex.Criterion",
    "parindex.Assessment",
    "parindex.Score",
    "parindex.Evidence",
    "onestop.Procedure",
    "onestop.Target",
    "organizations.Unit",
    "organizations.UnitGroup",
    "organizations.Level",
    "organizations.Membership",
    "plans.PlanRequirement",
    "plans.Plan",
    "plans.Activity",
    "quality.QualitySystem",
    "quality.QualityDocument",
    "records.ArchiveBacklog",
    "records.SortingProgress",
    "reports.UnitReport",
    "reports.ReportSectionText",
    "reports.ReportFigure",
    "portal.Article",
    "portal.ArticleImage",
]


def _assignment_units(a) -> set[int]:
    return {a.lead_unit_id, a.assigning_unit_id, *a.coordinators.values_list("pk", flat=True)}


def _change(user, units: set[int]) -> bool:
    allowed = permissions.unit_ids(user, "change")
    return allowed is None or bool(units & allowed)


def _admin_only(user, _obj) -> bool:
    return permissions.can_edit_unit_tree(user)


# Object kind → (model, "may this user change it?") — the second is asked of organizations.permissions.
OBJECTS = {
    "assignment": ("assignments.Assignment", lambda u, o: _change(u, _assignment_units(o))),
    "report": ("assignments.ProgressReport", lambda u, o: _change(u, _assignment_units(o.assignment))),
    "extension": ("assignments.ExtensionRequest", lambda u, o: _change(u, _assignment_units(o.assignment))),
    "directive": ("assignments.Directive", lambda u, o: _change(u, {o.issuing_unit_id})),
    "item": ("assignments.DirectiveItem", lambda u, o: _change(u, {o.directive.issuing_unit_id})),
    "assessment": ("parindex.Assessment", lambda u, o: _change(u, {o.unit_id})),
    "score": (
        "parindex.Score",
        lambda u, o: _change(u, {o.assessment.unit_id, o.responsible_unit_id} - {None}),
    ),
    "criteria_set": ("parindex.CriteriaSet", lambda u, o: permissions.can_change_catalogue(u, o.owner_unit_id)),
    "evidence": ("parindex.Evidence", lambda u, o: _change(u, {o.owner_unit_id})),
    "procedure": ("onestop.Procedure", lambda u, o: permissions.can_change_catalogue(u, o.owner_unit_id)),
    "target": ("onestop.Target", _admin_only),
    "unit": ("organizations.Unit", _admin_only),
    "group": ("organizations.UnitGroup", _admin_only),
    "level": ("organizations.Level", _admin_only),
    "membership": ("organizations.Membership", _admin_only),
    "import_job": ("core.ImportJob", lambda u, o: o.user_id == u.pk),
    "plan_requirement": ("plans.PlanRequirement", lambda u, o: _change(u, {o.requiring_unit_id})),
    "quality_document": ("quality.QualityDocument", lambda u, o: _change(u, {o.system.unit_id})),
    "backlog": ("records.ArchiveBacklog", lambda u, o: _change(u, {o.unit_id})),
    # The unit writes its report; the consolidating unit accepts or returns it.
    "unit_report": ("reports.UnitReport", lambda u, o: _change(u, {o.unit_id, o.cycle.owner_id})),
    # News: only the communications role of the article's unit (or above it) and administrators.
    "article": ("portal.Article", lambda u, o: permissions.can_publish(u, o.unit_id)),
}
API_KINDS = {
    "assignments/assignments": "assignment",
    "assignments/reports": "report",
    "assignments/extensions": "extension",
    "assignments/directives": "directive",
    "assignments/items": "item",
    "parindex/assessments": "assessment",
    "parindex/scores": "score",
    "parindex/criteria-sets": "criteria_set",
    "parindex/criteria": "criteria_set",
    "onestop/targets": "target",
    "onestop/procedures": "procedure",
    "onestop/dossiers": "unit",
    "onestop/imports/jobs": "import_job",
    "organizations/units": "unit",
    "organizations/unit-groups": "group",
    "organizations/levels": "level",
    "organizations/memberships": "membership",
    "plans/register": "plan_requirement",
    "quality/documents": "quality_document",
    "records/backlogs": "backlog",
    "reports/unit-reports": "unit_report",
    "portal/articles": "article",
}
PAGE_KINDS = {
    "assignments:assignment_detail": "assignment",
    "assignments:assignment_report": "assignment",
    "assignments:assignment_extension": "assignment",
    "assignments:assignment_cancel": "assignment",
    "assignments:assignment_reassign": "assignment",
    "assignments:report_accept": "report",
    "assignments:report_return": "report",
    "assignments:extension_approve": "extension",
    "assignments:extension_refuse": "extension",
    "assignments:attachment_download": None,  # a download (GET), no write
    "assignments:directive_detail": "directive",
    "assignments:directive_review": "directive",
    "assignments:directive_delete": "directive",
    "parindex:set_detail": "criteria_set",
    "parindex:ranking": None,
    "parindex:assessment_detail": "assessment",
    "parindex:assessment_export": None,
    "parindex:score_detail": "score",
    "parindex:evidence_file": None,
    "onestop:import_job": "import_job",
    "organizations:unit_detail": "unit",
    "organizations:unit_edit": "unit",
    "organizations:group_detail": "group",
    "organizations:group_edit": "group",
    "assignments:directive_public": "directive",
    "portal:image": None,  # a download (GET), no write
    "portal:directive": None,  # the public page (GET), no write
    "portal:staff_article_edit": "article",
    "portal:staff_article_images": "article",
    "portal:staff_article_publish": "article",
    "portal:staff_article_delete": "article",
}
PAGE_ACTIONS = {
    # "open" and "copy" do not change the set: they write assessments of the user's own units, or a copy
    # owned by the user's unit (parindex/tests/test_catalogue_scope.py); "criterion" edits the set itself.
    "parindex:set_detail": ["criterion"],
    "parindex:assessment_detail": ["submit", "appraise", "finish", "publish"],
    "parindex:score_detail": ["score", "evidence", "link"],
    "assignments:directive_review": ["save", "issue"],
    "portal:staff_article_publish": ["publish", "unpublish"],
}


def _snapshot() -> dict[str, str]:
    digests = {}
    for label in WATCHED:
        digest = hashlib.sha256()
        for row in apps.get_model(label).objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
        digests[label] = digest.hexdigest()
    return digests


def _changed(before: dict[str, str], problems: list[str], what: str) -> dict[str, str]:
    after = _snapshot()
    changed = sorted(label for label in after if after[label] != before[label])
    if changed:
        problems.append(f"{what} changed {', '.join(changed)}")
    return after


def _body(user, future: str) -> dict:
    """What a write would need inside the user's scope: every field any of these endpoints reads."""
    units = permissions.unit_ids(user, "change")
    some_unit = min(units) if units else 1
    return {
        "note": "x",
        "text": "Báo cáo",
        "reason": "Lý do",
        "content": "Đã bị sửa",
        "lead_unit": some_unit,
        "unit": some_unit,
        "units": [some_unit],
        "requested_deadline": future,
        "deadline": future,
        "percent": 50,
        "is_final": True,
        "self_score": 0,
        "self_comment": "x",
        "explanation": "x",
        "scores": {},
        "finish": True,
        "year": 2031,
        "name": "Bản sao",
        "title": "Tài liệu",
        "criterion": 1,
        "evidence": 1,
        "guidance": "",
        "responsible_name": "",
        "metric_key": "",
        "scoring_rule": "",
        "short_name": "Đã bị sửa",
        "code": "ZZ",
        "kind": "agency",
        "is_public": True,
    }


def _page_routes():
    """(name, route regex) of every page of the domain apps that takes an object id."""
    found = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern) and namespace in DOMAIN_NAMESPACES and "<int:pk>" in str(entry.pattern):
                found.append((f"{namespace}:{entry.name}", prefix + str(entry.pattern)))

    walk(get_resolver().url_patterns, "", None)
    return found


def _outside(kind: str, user):
    label, may_change = OBJECTS[kind]
    for obj in apps.get_model(label).objects.order_by("pk")[:400]:
        if not may_change(user, obj):
            return obj
    return None


@pytest.mark.django_db
def test_no_account_changes_what_is_outside_its_scope():
    call_command("load_demo", stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    api = APIClient()
    api.force_authenticate(admin)
    schema = api.get("/api/schema/?format=json").json()
    operations = [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        if "{id}" in path
        for method in item
        if method in {"post", "put", "patch", "delete"}
    ]
    pages = _page_routes()
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    problems, walked = [], 0
    for username, *_rest in USERS:
        user = get_user_model().objects.get(username=username)
        api = APIClient()
        api.force_authenticate(user)
        client = Client()
        client.force_login(user)
        body = _body(user, future)
        before = _snapshot()
        last = before
        for method, path in operations:
            prefix = re.sub(r"^/api/v1/|/\{id\}.*$", "", path)
            kind = API_KINDS.get(prefix)
            if kind is None:
                problems.append(f"unknown API object kind: {path}")
                continue
            obj = _outside(kind, user)
            if obj is None:
                continue
            url = path.replace("{id}", str(obj.pk))
            response = getattr(api, method.lower())(url, body, format="json")
            walked += 1
            if response.status_code not in (400, 403, 404, 405, 415):
                problems.append(f"{username} {method} {url}: {response.status_code}")
            last = _changed(last, problems, f"{username} {method} {url}")
        for name, route in pages:
            if name not in PAGE_KINDS:
                problems.append(f"unknown page object kind: {name}")
                continue
            kind = PAGE_KINDS[name]
            obj = _outside(kind, user) if kind else None
            if obj is None:
                continue
            url = "/" + re.sub(r"<int:pk>", str(obj.pk), route)
            for action in PAGE_ACTIONS.get(name, [""]):
                response = client.post(url, {**body, "action": action})
                walked += 1
                if response.status_code >= 500:
                    problems.append(f"{username} POST {url} action={action}: {response.status_code}")
                last = _changed(last, problems, f"{username} POST {url} action={action}")
    assert walked > 100
    assert problems == []
