"""The dependency audit's verdict (.ci/audit.py): a vulnerability fails CI, an unreachable service warns, a
service that answers but audits nothing fails (no network here: pip-audit's JSON is given)."""

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("ci_audit", Path(__file__).resolve().parents[2] / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(audit)

CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.20"]}]},
    ]
}
UNREACHABLE = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}


@pytest.mark.parametrize(
    ("results", "answered", "code", "text"),
    [
        ({"pypi": VULNERABLE}, set(), 1, "PYSEC-1 (fixed in 5.2.20)"),
        ({"pypi": UNREACHABLE, "osv": VULNERABLE}, set(), 1, "PYSEC-1"),
        ({"pypi": CLEAN}, set(), 0, "1 dependencies audited"),
        ({"pypi": UNREACHABLE, "osv": {}}, set(), 0, "WARNING no advisory service"),
        ({"pypi": UNREACHABLE, "osv": {}}, {"osv"}, 1, "ERROR the advisory service answered (osv)"),
    ],
    ids=["vulnerable", "vulnerable-on-osv", "clean", "unreachable", "answered-but-nothing-audited"],
)
def test_audit_verdict(results, answered, code, text):
    got, lines = audit.decide(results, answered)
    assert got == code
    assert text in "\n".join(lines)
