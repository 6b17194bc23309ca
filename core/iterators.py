"""Iterating in a worker thread, so that parsing a file and writing to the database overlap."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.utils import translation

T = TypeVar("T")
_END = object()


def read_ahead(iterable: Iterable[T], depth: int = 2) -> Iterator[T]:
    """Yield the items of `iterable`, produced by a worker thread up to `depth` items ahead.

    For an import: Python parses and validates the next batch while the database writes this one, which
    uses the machine's second core. The producer must not touch the database (the connection and its
    transaction belong to the consumer's thread). The consumer's language is active in the producer, so
    that error messages are in the user's language. An exception in the producer is raised in the consumer;
    if the consumer stops early, the producer stops too.
    """
    items: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    language = translation.get_language()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            with translation.override(language):
                for item in iterable:
                    if not put(item):
                        return
        except BaseException as exc:  # noqa: BLE001 - handed over to the consumer, which raises it
            put(_Failure(exc))
            return
        put(_END)

    worker = threading.Thread(target=produce, name="read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item = items.get()
            if item is _END:
                return
            if isinstance(item, _Failure):
                raise item.exception
            yield item
    finally:
        stop.set()
        worker.join()


class _Failure:
    def __init__(self, exception: BaseException) -> None:
        self.exception = exception
