"""Generated write-scope test (issue 9; NetBox's constrained-permission tests are the model).

Every write address — each non-GET API operation with an id, read from the OpenAPI schema, and each page
of the domain apps that takes an object id — is called by every demo account against an object outside
that account's scope (decided by `organizations.permissions`, never by hand), with a body that would be
accepted inside it. The database — every table of the project's apps but the security log — must not
change, and the answer must be a refusal (400/403/404/405/415) or the page again, never a success. Pages
are found in every URL namespace but the admin and the API (so a new app is walked as soon as its URLs are
included); an address whose object kind is unknown here fails the test until it is added to PAGE_KINDS /
API_KINDS and OBJECTS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from organizations import permissions
from organizations.demo import USERS

# Namespaces that are not domain pages: the admin (its own permission system) and the API (walked from the
# schema).
NOT_DOMAIN_NAMESPACES = {"admin"}
# Tables a refusal may write (the security log records denials) or that no domain address writes.
NOT_WATCHED = {"accounts.SecurityEvent", "accounts.AccountState"}


def _watched() -> list[str]:
    """Every model of the project's own apps (not third-party ones), so a new app's tables are watched too."""
    root = str(settings.BASE_DIR)
    return sorted(
        model._meta.label
        for config in apps.get_app_configs()
        if config.path.startswith(root) and "/.venv/" not in config.path
        for model in config.get_models()
        if model._meta.label not in NOT_WATCHED and not model._meta.proxy
    )


WATCHED = _watched()


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
    "cycle": ("reports.ReportCycle", lambda u, o: permissions.can(u, "manage", o.owner_id)),
    "plan": ("plans.Plan", lambda u, o: _change(u, {o.issuing_unit_id})),
    "quality_system": ("quality.QualitySystem", lambda u, o: _change(u, {o.unit_id})),
    # Pages of one unit's own records (the unit itself is the object written for).
    "unit_own": ("organizations.Unit", lambda u, o: _change(u, {o.pk})),
    "survey_response": ("surveys.Response", lambda u, o: _change(u, {o.unit_id})),
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
    "portal:category": None,  # public pages (GET), no write
    "portal:article": None,
    "portal:directive": None,  # the public page (GET), no write
    "portal:staff_article_edit": "article",
    "portal:staff_article_images": "article",
    "portal:staff_article_publish": "article",
    "portal:staff_article_delete": "article",
    "plans:plan_detail": "plan",
    "plans:plan_file": None,  # downloads (GET)
    "plans:plan_export": None,
    "plans:register": "plan_requirement",
    "plans:register_remind": "plan_requirement",
    "quality:system": "quality_system",
    "quality:settings": "unit_own",
    "quality:file": None,
    "records:unit": "unit_own",
    "records:file_list_file": None,
    "reports:cycle_detail": "cycle",
    "reports:cycle_export": None,
    "reports:report_detail": "unit_report",
    "reports:report_file": None,
    "surveys:moderate": "survey_response",
    # The public survey pages (by a unit's code or a one-time token) add a citizen's answer by design; they
    # change no existing object (surveys/tests).
    "surveys:answer_public": None,
    "surveys:answer": None,
}
PAGE_ACTIONS = {
    # "open" and "copy" do not change the set: they write assessments of the user's own units, or a copy
    # owned by the user's unit (parindex/tests/test_catalogue_scope.py); "criterion" edits the set itself.
    "parindex:set_detail": ["criterion"],
    "parindex:assessment_detail": ["submit", "appraise", "finish", "publish"],
    "parindex:score_detail": ["score", "evidence", "link"],
    "assignments:directive_review": ["save", "issue"],
    "portal:staff_article_publish": ["publish", "unpublish"],
    "quality:system": ["update_document", "add_action", "add_legal_update", "add_review"],
    "records:unit": ["file_list", "counts", "backlog", "progress"],
    "reports:report_detail": ["save", "submit", "refresh", "accept", "return"],
    "surveys:moderate": ["approve", "reject"],
}


def _first_pk(queryset) -> int:
    return queryset.values_list("pk", flat=True).first() or 0


# Fields a page's form needs for this very object (ids of its own rows), so that the refusal is the scope's,
# not a form error.
OBJECT_BODY = {
    "quality_system": lambda obj, today: {
        "document": _first_pk(obj.documents.all()),
        "review": _first_pk(obj.reviews.all()),
        "version": "9",
        "issued_on": today,
        "kind": "internal_audit",
        "held_on": today,
        "findings": "x",
        "document_number": "1/QĐ",
        "summary": "x",
        "noted_on": today,
    },
    "unit_own": lambda obj, today: {
        "approved_on": today,
        "opened": 1,
        "closed": 1,
        "due": 1,
        "deposited_on_time": 1,
        "total_metres": 10,
        "planned_metres": 5,
        "recorded_on": today,
        "metres": 1,
        "scope_codes": "",
    },
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
        "confirm": "1",  # past every "are you sure?" step, so that the write itself is what is refused
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
    """(name, route) of every page outside the admin and the API whose address holds a parameter."""
    found = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif (
                isinstance(entry, URLPattern)
                and namespace
                and namespace not in NOT_DOMAIN_NAMESPACES
                and not namespace.endswith("-api")
                and "<" in str(entry.pattern)
            ):
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
    today = dt.date.today().isoformat()
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
            url = "/" + re.sub(r"<int:\w+>", str(obj.pk), route)
            extra = OBJECT_BODY[kind](obj, today) if kind in OBJECT_BODY else {}
            for action in PAGE_ACTIONS.get(name, [""]):
                response = client.post(url, {**body, **extra, "action": action})
                walked += 1
                if response.status_code >= 500:
                    problems.append(f"{username} POST {url} action={action}: {response.status_code}")
                last = _changed(last, problems, f"{username} POST {url} action={action}")
    assert walked > 100
    assert problems == []
