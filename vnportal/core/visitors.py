"""Who is asking: the client's address and the anonymous visitor id (DESIGN.md).

* ``client_ip(request)``: ``REMOTE_ADDR``, unless that address is a proxy listed in
  ``TRUSTED_PROXIES``; then the right-most ``X-Forwarded-For`` entry that is not a
  trusted proxy. No other header is believed: a client can write anything there.
* ``visitor_id(request)``: ``u:<user id>`` for a member; for a guest ``g:`` +
  HMAC-SHA256(daily salt, site + client IP + User-Agent), truncated. The salt is
  random per local day (Asia/Ho_Chi_Minh), kept in the database so every app
  server agrees, and deleted after two days, so no raw address is ever stored
  and old ids cannot be traced back.

Shared by polls (one ballot per visitor) and statistics (visits, online now).
"""

import hashlib
import hmac
import ipaddress
import secrets
import threading
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import VisitorSalt
from .text import VIETNAM_TZ

GUEST_ID_LENGTH = 32  # hex characters: 128 bits, ample against collisions


@lru_cache(maxsize=8)
def _trusted_networks(spec):
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in spec if cidr.strip())


def _parse(value):
    """An address from a header entry: "203.0.113.7", "[2001:db8::6]:4711", "203.0.113.7:80"."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [v6] or [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_ip(request, proxies=None):
    """The address of the client, as a string ("" when unknown).

    ``proxies`` (CIDRs) defaults to the TRUSTED_PROXIES setting. Proxies append to the
    right of X-Forwarded-For, so everything left of the first untrusted hop may have
    been invented by the client; X-Real-IP, Client-IP, Forwarded … are never read.
    """
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES if proxies is None else proxies))
    remote = _parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return ""
    if not any(remote in net for net in networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(entry)
        if address is None:  # garbage added by or before our proxies: stop believing the chain
            break
        if not any(address in net for net in networks):
            return str(address)
    # Every hop was one of our proxies (or none was given): the nearest one is what we know.
    return str(remote)


def local_day(now=None):
    return (now or timezone.now()).astimezone(VIETNAM_TZ).date()


_salts = {}
_salts_lock = threading.Lock()


def daily_salt(day):
    """The salt for a local day, created on first use by whichever server asks first."""
    with _salts_lock:
        cached = _salts.get(day)
    if cached is not None:
        return cached
    salt = VisitorSalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if salt is None:
        try:
            with transaction.atomic():
                salt = VisitorSalt.objects.create(day=day, salt=secrets.token_hex(32)).salt
        except IntegrityError:  # another server created it a moment ago
            salt = VisitorSalt.objects.get(day=day).salt
        # Salts older than yesterday must not survive: yesterday's stays for visits
        # that cross midnight, anything before goes.
        VisitorSalt.objects.filter(day__lt=day - timedelta(days=1)).delete()
    with _salts_lock:
        for old in [d for d in _salts if d < day - timedelta(days=1)]:
            del _salts[old]
        _salts[day] = salt
    return salt


def forget_cached_salts():
    """For tests: drop the per-process memo (the database stays the truth)."""
    with _salts_lock:
        _salts.clear()


def _site_key(request):
    try:
        return request.get_host().lower()
    except Exception:  # DisallowedHost: still a guest, hashed under no site
        return ""


def guest_id(request, day):
    message = "\x1f".join((_site_key(request), client_ip(request), request.META.get("HTTP_USER_AGENT", "")))
    digest = hmac.new(daily_salt(day).encode(), message.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return "g:" + digest.hexdigest()[:GUEST_ID_LENGTH]


def visitor_id(request, now=None):
    """``u:<id>`` for a signed-in member, otherwise today's guest id."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u:{user.pk}"
    return guest_id(request, local_day(now))


def recent_visitor_ids(request, now=None):
    """Today's id and yesterday's: the ids this visitor may have been seen under."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return [f"u:{user.pk}"]
    today = local_day(now)
    return [guest_id(request, today), guest_id(request, today - timedelta(days=1))]


def hashed_ip(request, purpose):
    """A short keyed hash of the client address, for rate-limit keys (never the address itself)."""
    message = f"{purpose}\x1f{client_ip(request)}"
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]
