"""Ranked search over ``IndexEntry``, one implementation per database.

Ranking (the same on every database), highest first:

4. the accented phrase, as typed (canonical tones), appears in the title or text
   (only for queries typed with marks);
3. the accent-folded phrase appears;
2. every syllable appears, anywhere;
1. some syllable appears;

and above them all (5) a document whose number is exactly the query ("57-NQ/TW").

Within a tier, for a query typed with marks, items holding every syllable *with its marks* come before those
that hold some syllables only without them ("đại hội" is not "dài hỏi"): those are partial matches, and the
search page labels them (``SearchResults`` sets ``entry.partial``).

Results are the items containing every syllable (tiers 2–5); only when no item
has them all do items with some of them (tier 1) come in. Within a tier the
database's relevance score (bm25 / ts_rank, with the title weighted above the
text) and then the date decide — except for very broad queries (more than
``SCORE_LIMIT`` results, also the most that are counted), where scoring every row would cost more than it tells,
so recency alone orders each tier, read tier by tier with a LIMIT (PostgreSQL: the date, from the newest-first
index; SQLite: the entry id, which grows as content is first indexed, in the FTS index's own rowid order).

User input never reaches MATCH or to_tsquery as syntax: it is cut into syllables
of letters and digits (``normalise.query_tokens``) and every syllable is quoted.
"""

from dataclasses import dataclass, field

from django.db import connection

from .models import IndexEntry
from .normalise import normalise_number, query_tokens

# Results are counted up to this many ("more than 1,000 results": 100 pages is more than
# anyone reads), and above it tiers are ordered by date instead of a computed score.
SCORE_LIMIT = 1000


@dataclass
class Filters:
    kinds: list = field(default_factory=list)
    tree_path: str = ""
    date_from: object = None  # aware datetimes, inclusive / exclusive
    date_to: object = None
    site_id: object = None  # one portal's entries; None: every portal's
    language: str = ""  # one language's entries ("vi", "en"); "": every language's

    def where(self, alias):
        clauses, params = [], []
        if self.language:
            clauses.append(f"{alias}.language = %s")
            params.append(self.language)
        if self.site_id is not None:
            clauses.append(f"{alias}.site_id = %s")
            params.append(self.site_id)
        if self.kinds:
            clauses.append(f"{alias}.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params.extend(self.kinds)
        if self.tree_path:
            # Startswith on the tree path: a section and everything below it.
            clauses.append(f"{alias}.tree_path LIKE %s")
            params.append(self.tree_path + "%")
        if self.date_from is not None:
            clauses.append(f"{alias}.date >= %s")
            # Raw SQL gets no ORM conversion: SQLite stores UTC text, so adapt like the ORM does.
            params.append(connection.ops.adapt_datetimefield_value(self.date_from))
        if self.date_to is not None:
            clauses.append(f"{alias}.date < %s")
            params.append(connection.ops.adapt_datetimefield_value(self.date_to))
        return clauses, params


class Query:
    """A parsed query: its exact and folded syllables, or nothing to search for."""

    def __init__(self, text):
        self.text = text or ""
        self.exact, self.folded = query_tokens(self.text)
        # Typed without any mark, the "exact" tier would only find the rare text written without
        # marks too; it is skipped (it also costs a scan of the exact index for nothing).
        self.has_marks = self.exact != self.folded
        # A query that is one document number ("57-NQ/TW") puts that document above everything.
        stripped = self.text.strip()
        self.number = normalise_number(stripped) if stripped and not any(c.isspace() for c in stripped) else ""

    def __bool__(self):
        return bool(self.folded)


def _quote(tokens):
    # Tokens are letters and digits only, so the double quotes cannot be escaped out of.
    return ['"' + tok.replace('"', '""') + '"' for tok in tokens]


def _tier_case(query, mode, tests, exact_phrase, folded_phrase, all_tokens):
    """SQL CASE giving each match its tier (see the module docstring), and its parameters.

    ``tests`` is one SQL test with a %s placeholder (used for every tier), or a pair
    (test on the exact columns, test on the folded columns). With one syllable the
    folded phrase, "all" and "any" are the same set; in "all" mode every row has
    all syllables: those tests are skipped.
    """
    exact_test, folded_test = (tests, tests) if isinstance(tests, str) else tests
    # NULL never equals anything: without a number there is no tier 5.
    sql, params = ["CASE WHEN e.number = %s THEN 5"], [query.number or None]
    if query.has_marks:
        sql.append(f"WHEN {exact_test} THEN 4")
        params.append(exact_phrase)
    if len(query.folded) == 1:
        sql.append("ELSE 3 END")
    elif mode == "all":
        sql += [f"WHEN {folded_test} THEN 3", "ELSE 2 END"]
        params += [folded_phrase]
    else:
        sql += [f"WHEN {folded_test} THEN 3", f"WHEN {folded_test} THEN 2", "ELSE 1 END"]
        params += [folded_phrase, all_tokens]
    return " ".join(sql), params


class SQLiteBackend:
    def _expressions(self, query):
        exact, folded = _quote(query.exact), _quote(query.folded)
        return {
            "exact_phrase": "{title_exact body_exact} : " + " + ".join(exact),
            "folded_phrase": "{title_folded body_folded} : " + " + ".join(folded),
            "all": "{title_folded body_folded} : (" + " AND ".join(folded) + ")",
            "all_exact": "{title_exact body_exact} : (" + " AND ".join(exact) + ")",
            "any": "{title_folded body_folded} : (" + " OR ".join(folded) + ")",
        }

    def _base(self, query, filters, mode):
        expr = self._expressions(query)
        clauses, params = filters.where("e")
        where = " AND ".join(["search_fts MATCH %s"] + clauses)
        return expr, where, [expr[mode]] + params, bool(clauses)

    def count(self, query, filters, mode, cap):
        _, where, params, filtered = self._base(query, filters, mode)
        # Without filters the FTS index alone answers: no visit to the (wide) entry rows.
        join = "JOIN search_indexentry e ON e.id = search_fts.rowid " if filtered else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_fts {join}WHERE {where} LIMIT %s)", params + [cap]
            )
            return cursor.fetchone()[0]

    def _broad_ranked_ids(self, query, filters, offset, limit, mode):
        """Tier by tier, newest entry first, each a LIMITed query: FTS5 walks a match's rows in rowid
        order and stops after the page, so a common word costs one page, not a sort of every match.

        The tiers nest (the accented phrase holds the folded phrase, which holds every syllable…):
        a lower tier's query returns the higher tiers' rows again, so it asks for as many more rows
        as were already taken, and drops them. A tier is only read after every higher one ran out,
        so what was taken is all there is of them: at most ``offset + limit`` rows in all."""
        expr = self._expressions(query)
        clauses, params = filters.where("e")
        join = "JOIN search_indexentry e ON e.id = search_fts.rowid " if clauses else ""
        extra = "".join(f" AND {clause}" for clause in clauses)
        tiers = []
        if query.has_marks:
            tiers.append((4, expr["exact_phrase"]))
        if len(query.folded) > 1:
            tiers.append((3, expr["folded_phrase"]))
            if mode == "any":
                tiers.append((2, expr["all"]))
            tiers.append((1 if mode == "any" else 2, expr[mode]))
        else:
            tiers.append((3, expr[mode]))
        wanted, found, seen = offset + limit, [], set()
        with connection.cursor() as cursor:
            if query.number:
                where = " AND ".join(["e.number = %s"] + clauses)
                cursor.execute(
                    f"SELECT e.id FROM search_indexentry e WHERE {where} ORDER BY e.id DESC LIMIT %s",
                    [query.number] + params + [wanted],
                )
                for (pk,) in cursor.fetchall():
                    found.append((pk, 5))
                    seen.add(pk)
            for tier, match in tiers:
                if len(found) >= wanted:
                    break
                cursor.execute(
                    f"SELECT search_fts.rowid FROM search_fts {join}WHERE search_fts MATCH %s{extra} "
                    f"ORDER BY search_fts.rowid DESC LIMIT %s",
                    [match] + params + [wanted - len(found) + len(seen)],
                )
                for (pk,) in cursor.fetchall():
                    if pk not in seen and len(found) < wanted:
                        found.append((pk, tier))
                        seen.add(pk)
        return found[offset:wanted]

    def ranked_ids(self, query, filters, offset, limit, mode, scored=True):
        if not scored:
            return self._broad_ranked_ids(query, filters, offset, limit, mode)
        expr, where, params, filtered = self._base(query, filters, mode)
        in_match = "search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        tier, tier_params = _tier_case(query, mode, in_match, expr["exact_phrase"], expr["folded_phrase"], expr["all"])
        # Every syllable with its marks (1) or not (0); constant for a query typed without marks.
        whole, whole_params = (
            (f"CASE WHEN {in_match} THEN 1 ELSE 0 END", [expr["all_exact"]]) if query.has_marks else ("1", [])
        )
        # At most SCORE_LIMIT matches (a broader query takes _broad_ranked_ids): scoring them is bounded.
        sql = (
            f"SELECT e.id, {tier} AS tier, {whole} AS whole, bm25(search_fts, 8.0, 1.0, 0.0, 0.0) AS score "
            f"FROM search_fts JOIN search_indexentry e ON e.id = search_fts.rowid WHERE {where} "
            f"ORDER BY tier DESC, whole DESC, score ASC, e.date DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, tier_params + whole_params + params + [limit, offset])
            return [(row[0], row[1]) for row in cursor.fetchall()]


def _tsquery(tokens, operator):
    # Quoted lexemes joined by & | or <-> ; tokens are letters and digits only.
    return f" {operator} ".join("'" + tok.replace("'", "''") + "'" for tok in tokens)


class PostgresBackend:
    def _base(self, query, filters, mode):
        clauses, params = filters.where("e")
        where = " AND ".join(["e.fts_folded @@ to_tsquery('vnportal_fold', %s)"] + clauses)
        return where, [_tsquery(query.folded, "&" if mode == "all" else "|")] + params

    def count(self, query, filters, mode, cap):
        where, params = self._base(query, filters, mode)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_indexentry e WHERE {where} LIMIT %s) s", params + [cap]
            )
            return cursor.fetchone()[0]

    def _broad_ranked_ids(self, query, filters, offset, limit, mode):
        """Tier by tier, newest first, each a LIMITed query: common words are found at once by
        walking the date index, instead of testing (and de-TOASTing) every matching row."""
        where, params = self._base(query, filters, mode)
        exact = ("e.fts_exact @@ to_tsquery('simple', %s)", _tsquery(query.exact, "<->"))
        phrase = ("e.fts_folded @@ to_tsquery('vnportal_fold', %s)", _tsquery(query.folded, "<->"))
        every = ("e.fts_folded @@ to_tsquery('vnportal_fold', %s)", _tsquery(query.folded, "&"))
        tiers = [(5, ("e.number = %s", query.number or None))] + ([(4, exact)] if query.has_marks else [])
        if len(query.folded) > 1:
            tiers.append((3, phrase))
            if mode == "any":
                tiers.append((2, every))
        tiers.append((1 if mode == "any" else (2 if len(query.folded) > 1 else 3), ("TRUE", None)))
        wanted, found, higher = offset + limit, [], []
        with connection.cursor() as cursor:
            for tier, (test, value) in tiers:
                test_params = [] if value is None and test == "TRUE" else [value]
                not_sql = "".join(f" AND NOT coalesce({h}, FALSE)" for h, _ in higher)
                not_params = [v for _, v in higher]
                cursor.execute(
                    f"SELECT e.id FROM search_indexentry e WHERE {where} AND ({test}){not_sql} "
                    f"ORDER BY e.date DESC, e.id DESC LIMIT %s",
                    params + test_params + not_params + [wanted - len(found)],
                )
                found += [(row[0], tier) for row in cursor.fetchall()]
                if len(found) >= wanted:
                    break
                higher.append((test, value))
        return found[offset:wanted]

    def ranked_ids(self, query, filters, offset, limit, mode, scored=True):
        if not scored:
            return self._broad_ranked_ids(query, filters, offset, limit, mode)
        where, params = self._base(query, filters, mode)
        tier, tier_params = _tier_case(
            query,
            mode,
            # As id sets from the GIN indexes rather than per-row tests: a per-row @@ would de-TOAST
            # the tsvector of every matching row, which is what makes broad queries slow.
            (
                "e.id IN (SELECT id FROM search_indexentry WHERE fts_exact @@ to_tsquery('simple', %s))",
                "e.id IN (SELECT id FROM search_indexentry WHERE fts_folded @@ to_tsquery('vnportal_fold', %s))",
            ),
            _tsquery(query.exact, "<->"),
            _tsquery(query.folded, "<->"),
            _tsquery(query.folded, "&"),
        )
        if query.has_marks:
            whole = (
                "CASE WHEN e.id IN (SELECT id FROM search_indexentry WHERE fts_exact @@ to_tsquery('simple', %s)) "
                "THEN 1 ELSE 0 END"
            )
            whole_params = [_tsquery(query.exact, "&")]
        else:
            whole, whole_params = "1", []
        if scored:
            score = "ts_rank('{0.1, 0.2, 0.4, 1.0}', e.fts_folded, to_tsquery('vnportal_fold', %s), 1)"
            score_params = [_tsquery(query.folded, "|")]
        else:
            score, score_params = "0", []
        sql = (
            f"SELECT e.id, {tier} AS tier, {whole} AS whole, {score} AS score "
            f"FROM search_indexentry e WHERE {where} "
            f"ORDER BY tier DESC, whole DESC, score DESC, e.date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, tier_params + whole_params + score_params + params + [limit, offset])
            return [(row[0], row[1]) for row in cursor.fetchall()]


class FallbackBackend:
    """Any other database: substring scans on the folded columns (correct, not fast)."""

    def _queryset(self, query, filters, mode):
        from django.db.models import Q

        qs = IndexEntry.objects.all()
        if filters.language:
            qs = qs.filter(language=filters.language)
        if filters.site_id is not None:
            qs = qs.filter(site_id=filters.site_id)
        if filters.kinds:
            qs = qs.filter(kind__in=filters.kinds)
        if filters.tree_path:
            qs = qs.filter(tree_path__startswith=filters.tree_path)
        if filters.date_from is not None:
            qs = qs.filter(date__gte=filters.date_from)
        if filters.date_to is not None:
            qs = qs.filter(date__lt=filters.date_to)
        condition = Q()
        for tok in query.folded:
            token = Q(title_folded__contains=tok) | Q(body_folded__contains=tok)
            condition = (condition & token) if mode == "all" else (condition | token)
        return qs.filter(condition)

    def count(self, query, filters, mode, cap):
        return self._queryset(query, filters, mode)[:cap].count()

    def ranked_ids(self, query, filters, offset, limit, mode, scored=True):
        rows = []
        exact, folded = " ".join(query.exact), " ".join(query.folded)
        for entry in self._queryset(query, filters, mode).only(
            "id", "title_exact", "body_exact", "title_folded", "body_folded", "date", "number"
        ):
            texts_x = f" {entry.title_exact} {entry.body_exact} "
            texts_f = f" {entry.title_folded} {entry.body_folded} "
            if query.number and entry.number == query.number:
                tier = 5
            elif f" {exact} " in texts_x:
                tier = 4
            elif f" {folded} " in texts_f:
                tier = 3
            elif all(f" {tok} " in texts_f for tok in query.folded):
                tier = 2
            else:
                tier = 1
            whole = not query.has_marks or all(f" {tok} " in texts_x for tok in query.exact)
            rows.append((tier, whole, f" {folded} " in f" {entry.title_folded} ", entry.date, entry.id))
        rows.sort(key=lambda r: (r[0], r[1], r[2], r[3].timestamp() if r[3] else 0, r[4]), reverse=True)
        return [(r[4], r[0]) for r in rows[offset : offset + limit]]


def get_backend():
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return FallbackBackend()


class SearchResults:
    """Lazy, sliceable results (what Django's Paginator needs): count() and [a:b]."""

    def __init__(self, text, filters=None):
        self.query = Query(text)
        self.filters = filters or Filters()
        self.backend = get_backend()
        self._count = None

    def count(self):
        """Number of results, at most SCORE_LIMIT (``more`` says whether there are more)."""
        if self._count is None:
            self._count, self.mode, cap = 0, "all", SCORE_LIMIT + 1
            if self.query:
                self._count = self.backend.count(self.query, self.filters, "all", cap)
                if self._count == 0 and len(self.query.folded) > 1:
                    # No item has every syllable: show those with some of them.
                    self.mode = "any"
                    self._count = self.backend.count(self.query, self.filters, "any", cap)
            self.more = self._count > SCORE_LIMIT
            self._count = min(self._count, SCORE_LIMIT)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, int):
            rows = self[item : item + 1]
            if not rows:
                raise IndexError(item)
            return rows[0]
        start, stop = item.start or 0, item.stop
        total = self.count()
        if stop is None:
            stop = total
        if not self.query or stop <= start or total == 0:
            return []
        ranked = self.backend.ranked_ids(self.query, self.filters, start, stop - start, self.mode, scored=not self.more)
        entries = IndexEntry.objects.in_bulk([pk for pk, _ in ranked])
        results = []
        for pk, tier in ranked:
            entry = entries.get(pk)
            if entry is not None:
                entry.tier = tier
                entry.partial = self.is_partial(entry, tier)
                results.append(entry)
        return results

    def is_partial(self, entry, tier):
        """Whether ``entry`` lacks part of the query: some syllables only, or (typed with marks) some
        syllables only without their marks. Shown as such on the search page."""
        if tier == 1:
            return True
        if tier >= 4 or not self.query.has_marks:
            return False
        words = set(f"{entry.title_exact} {entry.body_exact}".split())
        return not all(tok in words for tok in self.query.exact)


def search(text, **filters):
    """Ranked ``IndexEntry`` results for ``text`` (see ``Filters`` for the keyword arguments)."""
    return SearchResults(text, Filters(**filters))
