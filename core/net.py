"""The client's address, behind reverse proxies we trust (settings.TRUSTED_PROXIES) and no others."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(item, strict=False) for item in settings.TRUSTED_PROXIES]


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    """REMOTE_ADDR; when that is a trusted proxy, the right-most X-Forwarded-For hop that is not one.

    Entries left of the first untrusted hop are written by the client and never believed, so a client
    cannot choose the address it is throttled under.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = _networks()
    address = _parse(remote)
    if address is None or not trusted or not any(address in net for net in trusted):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        parsed = _parse(hop)
        if parsed is None:
            return remote
        if not any(parsed in net for net in trusted):
            return str(parsed)
    return remote
