"""Is this request a person? Rules first (cheap, explainable), then the maintained
crawler list of ``crawlerdetect`` (the Python port of JayBizzle's CrawlerDetect).

Returns the exclusion reason or ``None``. Results are memoised per User-Agent in process
memory only (never stored): user agents repeat.

The crawler list is ~1,460 regular expressions that ``crawlerdetect`` searches as one
alternation: ~120 µs for a User-Agent not seen before (Python's engine tries every branch
at every position), which a portal with a long tail of agents pays on a good share of its
beacons. ``is_crawler`` gives the very same answer at a fraction of the cost: every match of
each expression contains one of a few literals of 3 or more characters (``required_literals``,
read from the parsed expression), indexed by their first 3 characters; only an expression one
of whose literals occurs in the agent is searched (one with no such literal would be searched
always: none in the list today). Case is compared in ASCII, where ``re.IGNORECASE`` is exactly
lower-casing; any other agent gets crawlerdetect's full alternation.
"""

import re
from functools import lru_cache

REASON_EMPTY_UA = "empty_ua"
REASON_HEADLESS = "headless"
REASON_PREFETCH = "prefetch"
REASON_CRAWLER = "crawler"
REASON_INVALID_TOKEN = "invalid_token"
# Not a rule: beacons the ingester could not keep (over its capacity), stored under no site.
REASON_SHED = "shed"
REASONS = (REASON_CRAWLER, REASON_EMPTY_UA, REASON_HEADLESS, REASON_PREFETCH, REASON_INVALID_TOKEN)

# Automation that presents itself as a browser. crawlerdetect knows some; these are sure.
HEADLESS_MARKERS = (
    "headlesschrome",
    "phantomjs",
    "slimerjs",
    "electron/",
    "puppeteer",
    "playwright",
    "selenium",
    "webdriver",
    "lighthouse",
    "chrome-lighthouse",
)


def _required(items):
    """Strings one of which every match of the parsed ``items`` contains (a set, lower-cased),
    or None when there are none to tell: runs of plain characters at this level, a group's or a
    repeated (at least once) item's own, or one of each alternative's of a choice."""
    from re import _constants as c

    found, run = [], ""
    for op, value in items:
        if op is c.LITERAL:
            run += chr(value)
            continue
        if run:
            found.append({run})
            run = ""
        inner = None
        if op is c.SUBPATTERN:
            inner = _required(value[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1:
            inner = _required(value[2])
        elif op is c.BRANCH:
            alternatives = [_required(alternative) for alternative in value[1]]
            if all(alternatives):
                inner = set().union(*alternatives)
        if inner:
            found.append(inner)
    if run:
        found.append({run})
    if not found:
        return None
    best = max(found, key=lambda strings: min(map(len, strings)))
    return {string.lower() for string in best}


def required_literals(pattern):
    """``_required`` of a whole pattern, when every string is ASCII and long enough to index."""
    from re import _parser

    strings = _required(_parser.parse(pattern, re.IGNORECASE))
    if not strings or not all(string.isascii() and len(string) >= CrawlerIndex.KEY for string in strings):
        return None
    return strings


class CrawlerIndex:
    """crawlerdetect's crawler rule, searched only where it can match (module docstring)."""

    KEY = 3

    def __init__(self, patterns, exclusions, full):
        self.exclusions = exclusions  # crawlerdetect's compiled "browser parts" expression
        self.full = full  # crawlerdetect's compiled alternation of all the patterns
        self.index = {}  # first KEY characters of a literal → [(literal, compiled pattern)]
        always = []
        for pattern in patterns:
            literals = required_literals(pattern)
            if literals is None:
                always.append(pattern)
                continue
            for literal in literals:
                self.index.setdefault(literal[: self.KEY], []).append((literal, pattern))
        self.always = re.compile(f"({'|'.join(always)})", re.IGNORECASE) if always else None
        self._compiled = {}

    def _search(self, pattern, agent):
        compiled = self._compiled.get(pattern)
        if compiled is None:
            compiled = self._compiled[pattern] = re.compile(pattern, re.IGNORECASE)
        return compiled.search(agent) is not None

    def is_crawler(self, user_agent):
        """``CrawlerDetect().isCrawler(user_agent)``, the same answer."""
        ua = (user_agent or "").strip()
        if not ua:
            return False
        agent = self.exclusions.sub("", ua)
        if not agent:
            return False
        if not agent.isascii():
            return self.full.search(agent) is not None
        if self.always is not None and self.always.search(agent):
            return True
        lowered, key, index = agent.lower(), self.KEY, self.index
        seen = set()
        for start in range(len(lowered) - key + 1):
            entries = index.get(lowered[start : start + key])
            if entries is None:
                continue
            for literal, pattern in entries:
                if pattern not in seen and literal in lowered:
                    seen.add(pattern)
                    if self._search(pattern, agent):
                        return True
        return False


_crawlers = None


def crawler_index():
    global _crawlers
    if _crawlers is None:
        from crawlerdetect.crawlerdetect import get_compiled_crawler_regex, get_compiled_exclusions_regex
        from crawlerdetect.providers.crawlers import data

        _crawlers = CrawlerIndex(data, get_compiled_exclusions_regex(), get_compiled_crawler_regex())
    return _crawlers


@lru_cache(maxsize=4096)
def reason_for_user_agent(user_agent):
    ua = (user_agent or "").strip()
    if not ua:
        return REASON_EMPTY_UA
    lowered = ua.lower()
    if any(marker in lowered for marker in HEADLESS_MARKERS):
        return REASON_HEADLESS
    if crawler_index().is_crawler(ua):
        return REASON_CRAWLER
    return None


def is_prefetch(request):
    """Speculative loads the reader may never see (Chromium's Sec-Purpose, older Purpose)."""
    meta = request.META
    purpose = (
        meta.get("HTTP_SEC_PURPOSE", "")
        + " "
        + meta.get("HTTP_PURPOSE", "")
        + " "
        + meta.get("HTTP_X_MOZ", "")
        + " "
        + meta.get("HTTP_X_PURPOSE", "")
    ).lower()
    return "prefetch" in purpose or "preview" in purpose


def exclusion_reason(request):
    if is_prefetch(request):
        return REASON_PREFETCH
    return reason_for_user_agent(request.META.get("HTTP_USER_AGENT", ""))
