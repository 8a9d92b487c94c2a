"""Who is asking: the client's address and the anonymous visitor id (DESIGN.md).

The one definition of both, shared by polls (one ballot per visitor), ratings and the
statistics (visits, online now): the same request gives the same id on every path.

* ``client_ip(request)``: ``REMOTE_ADDR``, unless that address is a proxy listed in
  ``TRUSTED_PROXIES``; then the right-most ``X-Forwarded-For`` entry that is not a
  trusted proxy. No other header is believed: a client can write anything there.
* ``visitor_id(request)``: ``u:<user id>`` for a member; for a guest ``g:`` +
  HMAC-SHA256(daily salt, site + client IP + User-Agent), truncated to
  ``GUEST_ID_LENGTH`` hex characters. The site is the host the reader asked for. The
  salt is random per local day (settings.TIME_ZONE), kept in the database so every app
  server agrees; today's and yesterday's are kept (visits that cross midnight), older
  ones are deleted (``delete_old_salts``: 48 h after their day began), so no raw address
  is ever stored and old ids cannot be traced back.
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

from .localtime import local_date
from .models import VisitorSalt

GUEST_ID_LENGTH = 32  # hex characters: 128 bits, ample against collisions
SALT_KEPT_DAYS = 2  # today's and yesterday's


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
    spec = tuple(settings.TRUSTED_PROXIES if proxies is None else proxies)
    return _client_ip(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR", ""), spec)


def client_ip_of(remote_addr, forwarded, proxies):
    """``client_ip`` of the header values themselves (the beacon ingester reads them from
    nginx's line, without a request); ``proxies`` as a tuple of CIDRs."""
    return _client_ip(remote_addr, forwarded, proxies)


@lru_cache(maxsize=4096)
def _client_ip(remote_addr, forwarded, spec):
    """``client_ip`` of these header values, remembered (in this process's memory only,
    like the bot rules' User-Agents): parsing addresses is the costliest part of a beacon
    line after its signature, and a reader's address repeats."""
    networks = _trusted_networks(spec)
    remote = _parse(remote_addr)
    if remote is None:
        return ""
    if not any(remote in net for net in networks):
        return str(remote)
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(entry)
        if address is None:  # garbage added by or before our proxies: stop believing the chain
            break
        if not any(address in net for net in networks):
            return str(address)
    # Every hop was one of our proxies (or none was given): the nearest one is what we know.
    return str(remote)


def local_day(now=None):
    return local_date(now)


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
        _delete_salts_before(day)
    with _salts_lock:
        for old in [d for d in _salts if d < day - timedelta(days=SALT_KEPT_DAYS - 1)]:
            del _salts[old]
        _salts[day] = salt
    return salt


def _delete_salts_before(today):
    """The one retention rule: a salt lives while its day is today or yesterday (yesterday's
    for the visits that cross midnight), i.e. it is deleted 48 hours after its day began."""
    return VisitorSalt.objects.filter(day__lt=today - timedelta(days=SALT_KEPT_DAYS - 1)).delete()[0]


def delete_old_salts(now=None):
    """Delete the salts the retention rule no longer keeps (also done whenever a day's salt
    is created); returns how many went."""
    deleted = _delete_salts_before(local_day(now))
    forget_cached_salts()
    return deleted


def forget_cached_salts():
    """For tests: drop the per-process memo (the database stays the truth)."""
    with _salts_lock:
        _salts.clear()


def site_key(request):
    """The "site" of the guest hash: the host the reader asked for, lower-cased."""
    try:
        return request.get_host().lower()
    except Exception:  # DisallowedHost: still a guest, hashed under no site
        return ""


def guest_hash(site, ip, user_agent, day):
    """The guest id of (site, client IP, User-Agent) on a local day. Polls' stored ballots
    hold ids made by this very function: changing the message or the length would let
    a guest who voted yesterday vote again today."""
    message = "\x1f".join((str(site), ip, user_agent))
    digest = hmac.new(daily_salt(day).encode(), message.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return "g:" + digest.hexdigest()[:GUEST_ID_LENGTH]


def guest_hasher(day):
    """``guest_hash`` of one day as a function of (site, client IP, User-Agent), giving the
    very same ids: HMAC-SHA256 (RFC 2104) with its two keyed states set up once and copied
    for each guest (the beacon ingester hashes thousands of readers a second, all on the
    same day; this costs about half of ``hmac.new`` per id)."""
    key = daily_salt(day).encode()
    if len(key) > 64:  # SHA-256's block size: a longer key is hashed first, as hmac does
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def hasher(site, ip, user_agent):
        digest = inner.copy()
        digest.update("\x1f".join((str(site), ip, user_agent)).encode("utf-8", "surrogatepass"))
        result = outer.copy()
        result.update(digest.digest())
        return "g:" + result.hexdigest()[:GUEST_ID_LENGTH]

    return hasher


def guest_id(request, day):
    return guest_hash(site_key(request), client_ip(request), request.META.get("HTTP_USER_AGENT", ""), day)


def member_id(user_id):
    return f"u:{user_id}"


def member_of(request):
    """The signed-in user of the request, or None for a guest."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def visitor_id(request, now=None):
    """``u:<id>`` for a signed-in member, otherwise today's guest id."""
    user = member_of(request)
    if user is not None:
        return member_id(user.pk)
    return guest_id(request, local_day(now))


def recent_visitor_ids(request, now=None):
    """Today's id and yesterday's: the ids this visitor may have been seen under."""
    user = member_of(request)
    if user is not None:
        return [member_id(user.pk)]
    today = local_day(now)
    return [guest_id(request, today), guest_id(request, today - timedelta(days=1))]


def hashed_ip(request, purpose):
    """A short keyed hash of the client address, for rate-limit keys (never the address itself)."""
    message = f"{purpose}\x1f{client_ip(request)}"
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]
