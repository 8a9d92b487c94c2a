"""The client's address, as DESIGN.md defines it.

``REMOTE_ADDR`` unless the peer is one of ``TRUSTED_PROXIES``; then the right-most
``X-Forwarded-For`` entry that is not itself a trusted proxy. Proxies append to the
right, so everything left of the first untrusted hop may be invented by the client and
is ignored. No other header (X-Real-IP, Client-IP, Forwarded …) is ever read.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in proxies if cidr.strip())


def _parse(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks):
    return address is not None and any(address in net for net in networks)


def client_ip(request, proxies=None):
    """The client address as a string, or "" when the request carries none usable."""
    networks = _networks(tuple(settings.TRUSTED_PROXIES if proxies is None else proxies))
    remote = _parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return ""
    if not networks or not _trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            # A malformed hop added by or before our proxies: stop believing the chain here.
            break
        if not _trusted(address, networks):
            return str(address)
    # Every hop was a trusted proxy (or none was given): the nearest one is the client we know.
    return str(remote)
