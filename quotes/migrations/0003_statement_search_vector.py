"""A stored, trigger-maintained, GIN-indexed search vector on statements:
the words weigh more than the context sentence (PostgreSQL only; see
inspections/search.py)."""

from django.db import migrations

from core.search import drop_vector_sql, postgresql_only, vector_sql

TABLE = "quotes_statement"
FUNCTION = "quotes_statement_search_vector"
DOCUMENT = (
    "setweight(to_tsvector('pg_catalog.english', coalesce(NEW.text, '')), 'A') || "
    "setweight(to_tsvector('pg_catalog.english', coalesce(NEW.context, '')), 'B')"
)


class Migration(migrations.Migration):
    dependencies = [("quotes", "0002_publish_permission")]

    operations = [
        migrations.RunPython(
            postgresql_only(vector_sql(TABLE, FUNCTION, DOCUMENT)),
            postgresql_only(drop_vector_sql(TABLE, FUNCTION)),
        )
    ]
