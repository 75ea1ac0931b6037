"""Full-text search on PostgreSQL through stored, indexed search vectors.

Findings, statements and inspections (their summary and authority's name)
carry a `search_vector` column that exists only on PostgreSQL: the database
keeps it current with a trigger on every insert and update (bulk inserts
included), and a GIN index makes matching fast at national scale. It is
deliberately not a model field, so ordinary queries never fetch it. On
SQLite, search falls back to simple matching.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

# Stemming and stop words for English: "protect" finds "protection".
CONFIG = "english"


def is_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def stored_vector(model):
    """The model's stored search vector, for filtering and ranking."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL(f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField())


def matching_column(model, column, text):
    """SQL for the `column` (e.g. "id") of the rows whose stored vector
    matches the words. It names no outer alias, so it works inside
    subqueries too (pk__in=..., Exists)."""
    return RawSQL(
        f'SELECT "{column}" FROM "{model._meta.db_table}" '
        f"WHERE search_vector @@ websearch_to_tsquery('{CONFIG}', %s)",
        [text],
    )


def vector_sql(table, function, document):
    """SQL that adds the column, its trigger, fills it and indexes it."""
    return f"""
        ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector;
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {document};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {function} ON {table};
        CREATE TRIGGER {function} BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
        UPDATE {table} SET search_vector = {document.replace("NEW.", "")};
        CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector);
    """


def drop_vector_sql(table, function):
    return f"""
        DROP TRIGGER IF EXISTS {function} ON {table};
        DROP FUNCTION IF EXISTS {function}();
        DROP INDEX IF EXISTS {table}_search_gin;
        ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector;
    """


def postgresql_only(sql):
    """A migration step that runs only on PostgreSQL."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run
