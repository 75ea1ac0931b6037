"""A stored, trigger-maintained, GIN-indexed search vector on inspections:
the summary and the authority's name, so that "Wokingham caseloads" finds
Wokingham's reports that mention caseloads (PostgreSQL only; see
inspections/search.py). Reading every summary on the fly cost about 0.2 s
per query at national scale, and a searched list makes five such queries.

Renaming an authority re-saves its inspections' vectors, by a second
trigger."""

from django.db import migrations

from core.search import drop_vector_sql, postgresql_only, vector_sql

TABLE = "inspections_inspection"
FUNCTION = "inspections_inspection_search_vector"
DOCUMENT = (
    "to_tsvector('pg_catalog.english', coalesce(NEW.summary, '') || ' ' || coalesce("
    "(SELECT name FROM inspections_localauthority WHERE id = NEW.authority_id), ''))"
)

RENAMED = """
    CREATE OR REPLACE FUNCTION inspections_authority_renamed() RETURNS trigger AS $$
    BEGIN
        UPDATE inspections_inspection SET summary = summary WHERE authority_id = NEW.id;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS inspections_authority_renamed ON inspections_localauthority;
    CREATE TRIGGER inspections_authority_renamed AFTER UPDATE OF name ON inspections_localauthority
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION inspections_authority_renamed();
"""
DROP_RENAMED = """
    DROP TRIGGER IF EXISTS inspections_authority_renamed ON inspections_localauthority;
    DROP FUNCTION IF EXISTS inspections_authority_renamed();
"""


class Migration(migrations.Migration):
    dependencies = [("inspections", "0009_inspection_authority_newest_idx")]

    operations = [
        migrations.RunPython(
            postgresql_only(vector_sql(TABLE, FUNCTION, DOCUMENT) + RENAMED),
            postgresql_only(DROP_RENAMED + drop_vector_sql(TABLE, FUNCTION)),
        )
    ]
