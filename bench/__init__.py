"""Benchmarks (not tests): `make bench`. See docs/performance.md."""
