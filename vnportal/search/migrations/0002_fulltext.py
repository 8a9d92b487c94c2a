"""Full-text structures over search_indexentry, for whichever database is in use.

SQLite: an FTS5 table with external content (the index rows themselves) kept in
sync by triggers. The texts are already folded / canonicalised syllables, so the
tokenizer must not fold again (remove_diacritics 0 keeps the exact columns exact).

PostgreSQL: the ``vnportal_fold`` text search configuration — a copy of ``simple``
(no stop words, no stemming: "an", "do" and "ngày" stay words) whose word
mappings go through ``unaccent`` first (it maps đ/Đ to d/D) — and two generated
``tsvector`` columns with GIN indexes. Other databases get nothing here and are
searched by the plain fallback in ``vnportal.search.backends``.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_folded, body_folded, title_exact, body_exact,
        content='search_indexentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_indexentry BEGIN
        INSERT INTO search_fts(rowid, title_folded, body_folded, title_exact, body_exact)
        VALUES (new.id, new.title_folded, new.body_folded, new.title_exact, new.body_exact);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_folded, body_folded, title_exact, body_exact)
        VALUES ('delete', old.id, old.title_folded, old.body_folded, old.title_exact, old.body_exact);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_folded, body_folded, title_exact, body_exact)
        VALUES ('delete', old.id, old.title_folded, old.body_folded, old.title_exact, old.body_exact);
        INSERT INTO search_fts(rowid, title_folded, body_folded, title_exact, body_exact)
        VALUES (new.id, new.title_folded, new.body_folded, new.title_exact, new.body_exact);
    END""",
    # Rows that existed before this migration.
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vnportal_fold",
    "CREATE TEXT SEARCH CONFIGURATION vnportal_fold (COPY = simple)",
    """ALTER TEXT SEARCH CONFIGURATION vnportal_fold
        ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword,
                          hword_asciipart, hword_part, hword_numpart
        WITH unaccent, simple""",
    """ALTER TABLE search_indexentry ADD COLUMN fts_folded tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('vnportal_fold'::regconfig, coalesce(title_folded, '')), 'A') ||
        setweight(to_tsvector('vnportal_fold'::regconfig, coalesce(body_folded, '')), 'B')) STORED""",
    """ALTER TABLE search_indexentry ADD COLUMN fts_exact tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title_exact, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(body_exact, '')), 'B')) STORED""",
    "CREATE INDEX search_entry_fts_folded ON search_indexentry USING GIN (fts_folded)",
    "CREATE INDEX search_entry_fts_exact ON search_indexentry USING GIN (fts_exact)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_fts_exact",
    "DROP INDEX IF EXISTS search_entry_fts_folded",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS fts_exact",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS fts_folded",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vnportal_fold",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
