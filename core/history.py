"""The history of a record ("Lịch sử thay đổi") as Vietnamese sentences, for the people who work on it.

The audit log (django-auditlog) stores field names, ids and UTC times; this turns each entry into sentences
with the fields' verbose names, the names of related records, choice labels and local dates. The raw log stays
in the administration site for administrators. Who may read a record's history is decided by
`organizations.permissions.may_see_history`; the views pass the record's units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

EMPTY = {None, "", "None", "null"}


@dataclass
class HistoryEntry:
    when: dt.datetime
    actor: str
    summary: str
    details: list[str] = field(default_factory=list)


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model, name) -> str:
    f = _field(model, name)
    return str(getattr(f, "verbose_name", name)) if f is not None else name


def _value(f, raw, names: dict) -> str:
    if raw in EMPTY:
        return ""
    if f is None:
        return str(raw)
    if f.choices:
        return str(dict(f.flatchoices).get(raw, raw))
    if f.many_to_one or f.one_to_one:
        return names.get((f.related_model, str(raw)), str(raw))
    if isinstance(f, models.BooleanField):
        return _("Có") if str(raw) in ("True", "true", "1") else _("Không")
    if isinstance(f, models.DateTimeField):
        parsed = parse_datetime(str(raw))
        if parsed is not None:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed, dt.UTC)
            return formats.date_format(timezone.localtime(parsed), "SHORT_DATETIME_FORMAT")
    if isinstance(f, models.DateField):
        parsed_date = parse_date(str(raw)[:10])
        if parsed_date is not None:
            return formats.date_format(parsed_date, "SHORT_DATE_FORMAT")
    text = str(raw)
    return text if len(text) <= 300 else text[:299] + "…"


def _related_names(entries, model) -> dict:
    """Names of every record the entries point to by id: one query per related model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        for name, change in (entry.changes_dict or {}).items():
            f = _field(model, name)
            if f is not None and (f.many_to_one or f.one_to_one) and isinstance(change, list):
                wanted[f.related_model].update(str(v) for v in change if v not in EMPTY)
    names = {}
    for related, pks in wanted.items():
        ids = [pk for pk in pks if pk.isdigit()]
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, str(obj.pk))] = str(obj)
    return names


def _sentences(model, entry, names) -> list[str]:
    out = []
    for name, change in (entry.changes_dict or {}).items():
        f = _field(model, name)
        if f is not None and f.auto_created and not f.concrete:
            continue  # a reverse relation (older entries list them as "app.Model.None"): not a change of this record
        label = _label(model, name)
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(change.get("objects", []))
            if change.get("operation") == "add":
                out.append(_("Thêm %(objects)s vào «%(field)s».") % {"objects": objects, "field": label})
            else:
                out.append(_("Bỏ %(objects)s khỏi «%(field)s».") % {"objects": objects, "field": label})
            continue
        before, after = (list(change) + [None, None])[:2] if isinstance(change, list) else (None, change)
        old, new = _value(f, before, names), _value(f, after, names)
        if entry.action == LogEntry.Action.CREATE:
            if new:
                out.append(_("%(field)s: %(new)s.") % {"field": label.capitalize(), "new": new})
        elif not old:
            out.append(_("Đặt «%(field)s» là %(new)s.") % {"field": label, "new": new})
        elif not new:
            out.append(_("Xóa «%(field)s» (trước đó là %(old)s).") % {"field": label, "old": old})
        else:
            out.append(_("Đổi «%(field)s» từ %(old)s thành %(new)s.") % {"field": label, "old": old, "new": new})
    return out


def history_of(obj, limit: int = 50) -> list[HistoryEntry]:
    """The record's history, newest first, as sentences (three queries plus one per kind of related record)."""
    model = type(obj)
    entries = list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )
    names = _related_names(entries, model)
    kind = str(model._meta.verbose_name)
    result = []
    for entry in entries:
        actor = (entry.actor.get_full_name() or entry.actor.get_username()) if entry.actor else _("Hệ thống")
        if entry.action == LogEntry.Action.CREATE:
            summary = _("%(actor)s đã tạo %(kind)s.") % {"actor": actor, "kind": kind}
        elif entry.action == LogEntry.Action.DELETE:
            summary = _("%(actor)s đã xóa %(kind)s.") % {"actor": actor, "kind": kind}
        else:
            summary = _("%(actor)s đã cập nhật %(kind)s.") % {"actor": actor, "kind": kind}
        result.append(
            HistoryEntry(when=entry.timestamp, actor=actor, summary=summary, details=_sentences(model, entry, names))
        )
    return result
