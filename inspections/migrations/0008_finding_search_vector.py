"""A stored, trigger-maintained, GIN-indexed search vector on findings
(PostgreSQL only; see inspections/search.py)."""

from django.db import migrations

from core.search import drop_vector_sql, postgresql_only, vector_sql

TABLE = "inspections_finding"
FUNCTION = "inspections_finding_search_vector"
DOCUMENT = "to_tsvector('pg_catalog.english', coalesce(NEW.text, ''))"


class Migration(migrations.Migration):
    dependencies = [("inspections", "0007_authorities_and_provenance")]

    operations = [
        migrations.RunPython(
            postgresql_only(vector_sql(TABLE, FUNCTION, DOCUMENT)),
            postgresql_only(drop_vector_sql(TABLE, FUNCTION)),
        )
    ]
