"""pip-audit over requirements.lock.

Fails (exit 1) on a known vulnerability, and when an advisory service answers but the audit still covers
nothing (pip-audit broke). Only when no advisory service can be reached — PyPI's per-release JSON API, then
OSV — does it print a warning and pass, so that network trouble never fails CI by itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("pypi", "osv")
# A request each service must answer when it is reachable (a release that exists, a package OSV knows).
PROBES = {
    "pypi": ("https://pypi.org/pypi/pip/24.0/json", None),
    "osv": ("https://api.osv.dev/v1/query", b'{"package": {"name": "pip", "ecosystem": "PyPI"}, "version": "24.0"}'),
}


def _tool() -> Path | None:
    venv = ROOT / "var" / "pip-audit"
    tool = venv / "bin" / "pip-audit"
    if not tool.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # noqa: S603
        installed = subprocess.run(  # noqa: S603
            [str(venv / "bin" / "pip"), "install", "--quiet", "pip-audit==2.10.1"],
            check=False,
            stderr=subprocess.DEVNULL,
        )
        if installed.returncode != 0:
            return None
    return tool


def reachable(service: str, timeout: float = 15) -> bool:
    url, body = PROBES[service]
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - fixed https addresses
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def run_audit(tool: Path, service: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(  # noqa: S603
            [
                str(tool),
                "-r",
                str(ROOT / "requirements.lock"),
                "--no-deps",
                "--disable-pip",
                "--vulnerability-service",
                service,
                "--progress-spinner",
                "off",
                "--timeout",
                "30",
                "-f",
                "json",
                "-o",
                report.name,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        try:
            return json.loads(Path(report.name).read_text() or "{}")
        except ValueError:
            return {}


def verdict(data: dict) -> tuple[int | None, list[str]]:
    """(exit code, lines) of one audit: 1 with the vulnerabilities, 0 when audited clean, None when the
    audit covered no dependency at all (the service did not answer)."""
    dependencies = data.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            lines.append(f"pip-audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1, lines
    if not audited:
        return None, lines
    skipped = len(dependencies) - len(audited)
    return 0, [f"pip-audit: {len(audited)} dependencies audited, no known vulnerability ({skipped} skipped)"]


def decide(results: dict[str, dict], reachable_services: set[str]) -> tuple[int, list[str]]:
    """The CI verdict from each service's audit and which services answered the probe."""
    for service, data in results.items():
        code, lines = verdict(data)
        if code is not None:
            return code, [*lines, f"pip-audit: advisory service {service}"]
    if reachable_services:
        names = ", ".join(sorted(reachable_services))
        return 1, [f"pip-audit: ERROR the advisory service answered ({names}) but no dependency was audited"]
    return 0, ["pip-audit: WARNING no advisory service could be reached (PyPI, OSV); no dependency was audited"]


def main() -> int:
    tool = _tool()
    if tool is None:
        print("pip-audit: WARNING could not install pip-audit; dependency audit skipped")
        return 0
    results: dict[str, dict] = {}
    for service in SERVICES:
        results[service] = run_audit(tool, service)
        if verdict(results[service])[0] is not None:
            break
    code, lines = decide(results, {s for s in results if verdict(results[s])[0] is None and reachable(s)})
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
