"""What the review screen does to a draft's items before issuing: merge, split, move a unit
between lead and coordinators, add an item from a sentence of the notice, and show why an
item was read the way it was. Pure functions on `services.ItemInput` lists; the view saves
the result through `services.directive_save_items`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from assignments.services import ItemInput

# The rule that gave an item's deadline (`assignments.parsing.deadline_with_rule`), for people.
RULE_LABELS = {
    "exact": _("ngày ghi rõ (trước ngày / chậm nhất ngày …)"),
    "month": _("cuối tháng được nêu"),
    "quarter": _("cuối quý được nêu"),
    "half_year": _("cuối 6 tháng được nêu"),
    "year": _("cuối năm được nêu"),
    "this_year": _("«trong năm»: cuối năm của văn bản"),
    "recurring": _("công việc thường xuyên/định kỳ: không có hạn"),
    "none": _("văn bản không nêu thời hạn"),
}
INFERRED_YEAR = _("năm lấy theo ngày của văn bản")
ROLE_LABELS = {"recipient": _("đơn vị chủ trì"), "coordinator": _("đơn vị phối hợp"), "deadline": _("thời hạn")}


def rule_label(code: str) -> str:
    base, _sep, inferred = (code or "none").partition("+")
    label = str(RULE_LABELS.get(base, RULE_LABELS["none"]))
    return f"{label}; {INFERRED_YEAR}" if inferred else label


def why_segments(why: dict) -> list[tuple[str, str]]:
    """The source sentence cut into (text, role) pieces; role "" for plain text."""
    sentence = why.get("sentence") or ""
    out: list[tuple[str, str]] = []
    at = 0
    for span in why.get("spans") or []:
        try:
            role, start, end = str(span[0]), int(span[1]), int(span[2])
        except (TypeError, ValueError, IndexError):
            continue
        if role not in ROLE_LABELS or not at <= start < end <= len(sentence):
            continue
        out += [(sentence[at:start], ""), (sentence[start:end], role)]
        at = end
    out.append((sentence[at:], ""))
    return [(text, role) for text, role in out if text]


def _join(*names: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(n for group in names for n in group if n.strip()))


def merge(items: list[ItemInput], n: int) -> list[ItemInput]:
    """Item n and the next one become one item: texts joined, units of both, the later deadline."""
    if not 0 <= n < len(items) - 1:
        return items
    a, b = items[n], items[n + 1]
    deadlines = [d for d in (a.deadline, b.deadline) if d]
    merged = dataclasses.replace(
        a,
        content=f"{a.content.strip()} {b.content.strip()}".strip(),
        raw_text=f"{a.raw_text.strip()} {b.raw_text.strip()}".strip(),
        recipients=_join(a.recipients, b.recipients),
        coordinators=[c for c in _join(a.coordinators, b.coordinators) if c not in _join(a.recipients, b.recipients)],
        deadline=max(deadlines) if deadlines else None,
    )
    return [*items[:n], merged, *items[n + 2 :]]


def split(items: list[ItemInput], n: int) -> list[ItemInput]:
    """Item n becomes two items with the same units: its text is cut at the middle sentence
    (or, in one sentence, at the middle ";"). An item that cannot be cut stays as it is."""
    from assignments.parsing.sentences import split_sentences

    if not 0 <= n < len(items):
        return items
    item = items[n]
    text = item.content.strip()
    cuts = [end for _start, end in split_sentences(text)][:-1]
    if not cuts:
        cuts = [i + 1 for i, ch in enumerate(text) if ch == ";"]
    if not cuts:
        return items
    cut = cuts[(len(cuts) - 1) // 2]
    first, second = text[:cut].strip(), text[cut:].strip()
    if not first or not second:
        return items
    return [
        *items[:n],
        dataclasses.replace(item, content=first, raw_text=first),
        dataclasses.replace(item, content=second, raw_text=second, why={}),
        *items[n + 1 :],
    ]


def move_unit(items: list[ItemInput], n: int, index: int, *, to_coordinators: bool) -> list[ItemInput]:
    """Move the index-th lead unit of item n to its coordinators, or back."""
    if not 0 <= n < len(items):
        return items
    item = items[n]
    source = item.recipients if to_coordinators else item.coordinators
    if not 0 <= index < len(source):
        return items
    name = source[index]
    rest = [x for i, x in enumerate(source) if i != index]
    if to_coordinators:
        moved = dataclasses.replace(item, recipients=rest, coordinators=_join([name], item.coordinators))
    else:
        moved = dataclasses.replace(item, coordinators=rest, recipients=_join(item.recipients, [name]))
    return [*items[:n], moved, *items[n + 1 :]]


def item_from_sentence(sentence: str, *, known_units: Sequence[str], reference: dt.date | None) -> ItemInput:
    """A new item from a sentence the reviewer picked: what the reader finds in it, or the
    sentence alone with no unit yet (the reviewer fills it in)."""
    from assignments.parsing import deadline_with_rule, parse_conclusion

    parsed = parse_conclusion(sentence, known_units=known_units)
    if parsed:
        item = parsed[0]
        return ItemInput(
            content=sentence,
            recipients=list(item.recipients),
            coordinators=list(item.coordinators),
            deadline=item.deadline,
            kind=item.kind,
            raw_text=sentence,
            why={"sentence": item.sentence, "spans": [list(s) for s in item.spans], "rule": item.deadline_rule},
        )
    deadline, rule = deadline_with_rule(sentence, reference=reference)
    return ItemInput(content=sentence, recipients=[], deadline=deadline, raw_text=sentence, why={"rule": rule})


def notice_sentences(text: str, *, limit: int = 400) -> list[str]:
    """The sentences of a notice, for "add an item from a sentence"."""
    from assignments.parsing.lexicon import _clean_text
    from assignments.parsing.sentences import _blocks, split_sentences

    out: list[str] = []
    for block in _blocks(_clean_text(text or ""), lambda _body: False):
        body = block.body
        out += [body[a:b] for a, b in split_sentences(body) if len(body[a:b].split()) >= 4]
        if len(out) >= limit:
            break
    return out[:limit]
