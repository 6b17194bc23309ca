import threading

import pytest
from django.utils import translation

from core.iterators import read_ahead


def test_yields_every_item_in_order_from_another_thread():
    threads = set()

    def produce():
        for number in range(100):
            threads.add(threading.current_thread().name)
            yield number

    assert list(read_ahead(produce(), depth=3)) == list(range(100))
    assert threads == {"read-ahead"}


def test_an_error_in_the_producer_is_raised_in_the_consumer():
    def produce():
        yield 1
        raise ValueError("tệp hỏng")

    got = []
    with pytest.raises(ValueError, match="tệp hỏng"):
        for item in read_ahead(produce()):
            got.append(item)
    assert got == [1]


def test_the_producer_stops_when_the_consumer_stops():
    produced = []

    def produce():
        for number in range(10_000):
            produced.append(number)
            yield number

    with pytest.raises(RuntimeError):
        for item in read_ahead(produce(), depth=2):
            if item == 5:
                raise RuntimeError("ghi lỗi")
    assert not [t for t in threading.enumerate() if t.name == "read-ahead"]
    assert len(produced) < 20


def test_the_producer_speaks_the_consumers_language():
    def produce():
        yield translation.get_language()

    with translation.override("en"):
        assert list(read_ahead(produce())) == ["en"]
