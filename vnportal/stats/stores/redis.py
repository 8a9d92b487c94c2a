"""The Redis counter store: every app server and worker shares one Redis.

A page view is one round trip: a Lua script (atomic in Redis) applies the visit rule to
the visitor's small hash, updates the online sorted sets and adds to a pending hash of
counters; the beacon ingester sends a whole batch of hits through the same script. The
scheduler's flush renames the pending hash to a uniquely named in-flight batch (atomic),
adds it to the daily rows together with the batch id in one database transaction, then
deletes it. A crash between the two leaves the batch in Redis; the next flush finds its id
already applied and only deletes it, so nothing counts twice. Likewise an ingester's batch
carries its number (``base.BatchId``) and the script applies it at most once: a batch sent
again after its reply was lost (a timeout after Redis ran it) is not counted twice.

Keys (all under ``<CACHE_KEY_PREFIX>:stats:``): ``pending``, ``inflight:<id>``, the set
``inflight``, ``batches:<writer>`` (the number of the last batch an ingester process wrote),
per site ``<site>:online:<g|m|b>`` (visitor id → last seen) and ``<site>:v:<visitor id>``
(the running visit). None contains an address or user agent.
The script builds key names itself, which needs a single Redis (not Redis Cluster).
"""

import json

from django.conf import settings

from vnportal.core.redis_health import client_from_url

from .base import KIND_BOT, BatchCounts, CounterStore, claim_batch, new_batch_id, serialize_flushes, write_counts

# The visit rule for a whole batch of hits, in order, in one script call (atomic in Redis).
# ARGV[1] the key prefix, ARGV[2] a JSON array of hits, each [site, visitor, kind, ts,
# day start, timeout, keep, page, referrer, day, previous] (times as strings, kept as
# sent), ARGV[3] a JSON object of exclusions {"site|day|reason": n}. The same end state as
# one call per hit, at a fraction of the commands (the beacon ingester sends hundreds of
# hits a call): the pending counters are summed in Lua and added once per field; each
# online set gets one ZADD for the batch (every visitor's latest time; a visitor removed
# as yesterday's id is removed first) and one trim; a visitor's visit hash is read with
# one HMGET (day, last seen, this page's flag) and written with at most one HSET.
# ARGV[4] and ARGV[5], when given, name the batch (writer, number: base.BatchId): the key
# ``batches:<writer>`` holds the highest number applied; a batch at or below it was applied
# already (a retry after its reply was lost) and the script does nothing but return -1.
# The guard is the script's first write, in the same atomic call as the counts, so a batch
# is applied whole once or not at all (a write Redis refuses, full, refuses this one first).
RECORD_MANY = """
local pfx = ARGV[1]
if ARGV[4] ~= nil and ARGV[4] ~= "" then
  local guard = pfx .. "batches:" .. ARGV[4]
  local last = redis.call("GET", guard)
  if last and tonumber(last) >= tonumber(ARGV[5]) then return -1 end
  redis.call("SET", guard, ARGV[5], "EX", ARGV[6])
end
local hits = cjson.decode(ARGV[2])
local pending = pfx .. "pending"
local add = {}
local function incr(field, n)
  add[field] = (add[field] or 0) + n
end
local latest = {}  -- online key -> {visitor -> latest time seen in this batch}
local removed = {}  -- online key -> {visitor -> true}: yesterday's ids to take out first
local trim = {}
local touched = {}
for i = 1, #hits do
  local h = hits[i]
  local site, vid, kind = h[1], h[2], h[3]
  local ts, daystart = tonumber(h[4]), tonumber(h[5])
  local timeout, keep = tonumber(h[6]), tonumber(h[7])
  local page, ref, day, prev = h[8], h[9], h[10], h[11]
  local online = pfx .. site .. ":online:" .. kind
  local seen = latest[online]
  if seen == nil then
    seen = {}
    latest[online] = seen
    removed[online] = {}
  end
  if seen[vid] == nil or ts > seen[vid] then seen[vid] = ts end
  local cutoff = ts - keep
  if trim[online] == nil or cutoff > trim[online] then trim[online] = cutoff end
  if prev ~= "" then
    seen[prev] = nil
    removed[online][prev] = true
  end
  local base = "s|" .. site .. "|" .. day .. "|"
  if kind == "b" then
    incr(base .. "bot_hits|", 1)
  else
    local vkey = pfx .. site .. ":v:" .. vid
    local flag = page ~= "0" and ("p" .. page) or "d"
    local st = redis.call("HMGET", vkey, "d", "l", flag)
    local new = (not st[1]) or tonumber(st[1]) ~= daystart or (ts - tonumber(st[2]) >= timeout)
    if new then
      redis.call("DEL", vkey)
      if page ~= "0" then
        redis.call("HSET", vkey, "d", h[5], "l", h[4], flag, 1)
      else
        redis.call("HSET", vkey, "d", h[5], "l", h[4])
      end
      incr(base .. "visits|", 1)
      if ref ~= "" then incr(base .. "referrer|" .. ref, 1) end
    else
      local later = ts > tonumber(st[2])
      local first_view = page ~= "0" and not st[3]
      if later and first_view then
        redis.call("HSET", vkey, "l", h[4], flag, 1)
      elseif later then
        redis.call("HSET", vkey, "l", h[4])
      elseif first_view then
        redis.call("HSET", vkey, flag, 1)
      end
    end
    incr(base .. "pageviews|", 1)
    if page ~= "0" then
      local pbase = "p|" .. page .. "|" .. site .. "|" .. day .. "|"
      incr(pbase .. "hits", 1)
      if new or not st[3] then
        incr(pbase .. "views", 1)
      end
    end
    touched[vkey] = keep + 60
  end
end
for online, seen in pairs(latest) do
  local gone = {}
  for vid in pairs(removed[online]) do
    gone[#gone + 1] = vid
    if #gone == 500 then
      redis.call("ZREM", online, unpack(gone))
      gone = {}
    end
  end
  if #gone > 0 then redis.call("ZREM", online, unpack(gone)) end
  local args = {}
  for vid, ts in pairs(seen) do
    args[#args + 1] = ts
    args[#args + 1] = vid
    if #args == 1000 then
      redis.call("ZADD", online, "GT", unpack(args))
      args = {}
    end
  end
  if #args > 0 then redis.call("ZADD", online, "GT", unpack(args)) end
  redis.call("ZREMRANGEBYSCORE", online, "-inf", trim[online])
end
for vkey, ttl in pairs(touched) do
  redis.call("EXPIRE", vkey, ttl)
end
if ARGV[3] ~= nil and ARGV[3] ~= "" then
  for field, n in pairs(cjson.decode(ARGV[3])) do
    incr("s|" .. field, n)
  end
end
for field, n in pairs(add) do
  redis.call("HINCRBY", pending, field, n)
end
return #hits
"""

# Move the pending counters aside under a fresh batch name, atomically.
TAKE = """
if redis.call("EXISTS", KEYS[1]) == 1 then
  redis.call("RENAME", KEYS[1], KEYS[2])
  redis.call("SADD", KEYS[3], KEYS[2])
  return 1
end
return 0
"""


# How long a writer's batch guard outlives its last batch: far longer than any retry of it.
BATCH_GUARD_SECONDS = 86_400


class RedisStore(CounterStore):
    name = "redis"

    def __init__(self, url=None, prefix=None):
        # Connections that report an outage to the whole process (and fail fast during it).
        self.client = client_from_url(url or settings.REDIS_URL)
        self.prefix = f"{prefix or settings.CACHES['default'].get('KEY_PREFIX', 'vnportal')}:stats:"
        self._record_many = self.client.register_script(RECORD_MANY)
        self._take = self.client.register_script(TAKE)

    @staticmethod
    def _packed(hit):
        return [
            str(hit.site_id),
            hit.visitor,
            hit.kind,
            repr(hit.ts),
            repr(hit.day_start),
            str(hit.timeout),
            str(hit.keep),
            str(hit.page_id or 0),
            hit.referrer.replace("|", ""),
            hit.day,
            hit.previous,
        ]

    def _script_args(self, hits, excluded, batch=None):
        exclusions = {f"{site_id}|{day}|excluded|{reason}": n for (site_id, day, reason), n in (excluded or {}).items()}
        args = [self.prefix, json.dumps([self._packed(hit) for hit in hits]), json.dumps(exclusions)]
        if batch is not None:
            args += [batch.writer, str(batch.seq), str(BATCH_GUARD_SECONDS)]
        return args

    def record(self, hit):
        self._record_many(args=self._script_args([hit], None))

    def record_many(self, hits, excluded=None, batch=None):
        """One round trip, one script call for the whole batch (hits and exclusions): the
        client packs three arguments instead of twelve per hit, and Redis sums the counters
        before writing them. Pipelined, so a caller may queue more on the same trip. With
        a ``BatchId``, a batch Redis already applied is not applied again (the script's
        guard). Returns False when it was, else True."""
        if not hits and not excluded and batch is None:
            return True
        return self._write(hits, excluded, batch)

    def _write(self, hits, excluded, batch):
        pipe = self.client.pipeline(transaction=False)
        self._record_many(args=self._script_args(hits, excluded, batch), client=pipe)
        (result,) = pipe.execute()
        return result != -1

    def fence(self, batch):
        """After a failure that leaves it unsure whether Redis ran ``batch``: True when it
        did; else False, and Redis will never apply it (a copy still on its way is refused
        by the guard), so the batch may be counted elsewhere exactly once."""
        return not self._write([], None, batch)

    def exclude(self, site_id, day, reason, n=1):
        self.client.hincrby(self.prefix + "pending", f"s|{site_id}|{day}|excluded|{reason}", n)

    def flush(self):
        pending, inflight_set = self.prefix + "pending", self.prefix + "inflight"
        self._take(keys=[pending, f"{self.prefix}inflight:{new_batch_id()}", inflight_set])
        written = 0
        for raw_key in sorted(self.client.smembers(inflight_set)):
            key = raw_key.decode()
            fields = self.client.hgetall(key)
            if fields:
                written += self._apply(key.rsplit(":", 1)[1], fields)
            self.client.delete(key)
            self.client.srem(inflight_set, key)
        return written

    @staticmethod
    def _apply(batch_id, fields):
        from django.db import transaction

        counts = BatchCounts()
        hits = 0
        for raw_field, raw_value in fields.items():
            parts = raw_field.decode().split("|")
            n = int(raw_value)
            if parts[0] == "s":
                _, site, day, metric, key = parts
                counts.add_site(int(site), day, metric, key, n)
                if metric in ("pageviews", "bot_hits"):
                    hits += n
            elif parts[0] == "p":
                _, page, site, day, column = parts
                counts.add_page(int(page), int(site), day, column, n)
        with transaction.atomic():
            serialize_flushes()
            if claim_batch(batch_id):
                write_counts(counts)
                return hits
        return 0

    def online(self, site_id, now_ts, window):
        pipe = self.client.pipeline(transaction=False)
        for kind in ("g", "m", KIND_BOT):
            pipe.zcount(f"{self.prefix}{site_id}:online:{kind}", f"({now_ts - window}", "+inf")
        guests, members, bots = pipe.execute()
        return {"guests": guests, "members": members, "bots": bots}

    def reset(self):
        keys = list(self.client.scan_iter(match=self.prefix + "*", count=1000))
        for start in range(0, len(keys), 500):
            self.client.delete(*keys[start : start + 500])

    def keys(self):
        return [key.decode() for key in self.client.scan_iter(match=self.prefix + "*", count=1000)]
