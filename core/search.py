"""Full-text search on PostgreSQL through stored, indexed search vectors.

Findings, statements and inspections (their summary and authority's name)
carry a `search_vector` column that exists only on PostgreSQL: the database
keeps it current with a trigger on every insert and update (bulk inserts
included), and a GIN index makes matching fast at national scale. It is
deliberately not a model field, so ordinary queries never fetch it. On
SQLite, search falls back to simple matching.
"""

from django.db.models import Expression
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Stemming and stop words for English: "protect" finds "protection".
CONFIG = "english"
# ts_headline marks matches with these; they are swapped for <mark> tags only
# after the rest of the headline has been escaped (see highlighted()).
MARK_START = "\ue000"
MARK_STOP = "\ue001"


def highlighted(headline):
    """A ts_headline result as safe HTML: everything escaped, then the
    sentinels turned into <mark> tags. Unbalanced sentinels (text that
    contained one already) fall back to plain escaped text."""
    if headline is None:
        return None
    if headline.count(MARK_START) != headline.count(MARK_STOP):
        return escape(headline.replace(MARK_START, "").replace(MARK_STOP, ""))
    html = escape(headline).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # every other character was escaped above


def headline(field, text):
    """The whole of field with every match of the words marked, for
    highlighted()."""
    from django.contrib.postgres.search import SearchHeadline

    return SearchHeadline(
        field,
        words(text),
        config=CONFIG,
        highlight_all=True,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
    )


class StoredVector(Expression):
    """A model's stored search vector, named by the alias its table has in
    the query being compiled: "U0" inside a subquery. (Naming the table
    itself tied a subquery to the outer row, to be run once per row.)"""

    def __init__(self, model):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())
        self.model = model

    def __repr__(self):
        return f"{self.__class__.__name__}({self.model.__name__})"

    def as_sql(self, compiler, connection):
        table = self.model._meta.db_table
        # The query's own table: the one it starts from, not a join to it.
        alias = next(
            alias
            for alias, join in compiler.query.alias_map.items()
            if join.table_name == table and join.join_type is None
        )
        return f"{compiler.quote_name(alias)}.search_vector", []


def words(text):
    """The words as PostgreSQL's web search reads them: "quoted phrases",
    or, -not."""
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, config=CONFIG, search_type="websearch")


def matching(queryset, text):
    """The rows of queryset whose stored vector matches the words: read
    from the GIN index, at whatever depth of subquery."""
    return queryset.alias(search_vector=StoredVector(queryset.model)).filter(
        search_vector=words(text)
    )


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
