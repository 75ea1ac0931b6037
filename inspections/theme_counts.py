"""How many of each inspection's findings carry each theme, kept by the
database itself (the InspectionTheme model, migration 0012).

Which themes an inspection touches is a question about its findings: at
national scale, 300,000 findings and as many links to themes. Asked of
every inspection at once (the inspection list's theme facet, the themes
page) it read all of them, half a second each time. This table holds the
answer, one row per inspection and theme with a count, and triggers on the
finding-theme links (and on a finding moved to another report) keep it
true on every insert and delete, whoever makes them: the admin, an import,
generate_data's bulk inserts or a raw SQL statement. The application never
writes it.

PostgreSQL's triggers run once per statement over the rows it changed
(a bulk insert of 100,000 links is one upsert); SQLite's run once per row.
"""

TABLE = "inspections_inspectiontheme"
LINKS = "inspections_finding_themes"
FINDINGS = "inspections_finding"

# Counts from scratch: how the migration fills the table, and how a test
# checks the triggers kept it right.
COUNT = f"""
    SELECT f.inspection_id, l.theme_id, COUNT(*)
    FROM {LINKS} l JOIN {FINDINGS} f ON f.id = l.finding_id
    GROUP BY f.inspection_id, l.theme_id
"""
REBUILD = [
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} (inspection_id, theme_id, findings) {COUNT}",
]

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION inspection_theme_linked() RETURNS trigger AS $$
    BEGIN
        INSERT INTO {TABLE} (inspection_id, theme_id, findings)
        SELECT f.inspection_id, l.theme_id, COUNT(*)
        FROM linked l JOIN {FINDINGS} f ON f.id = l.finding_id
        GROUP BY f.inspection_id, l.theme_id
        ON CONFLICT (inspection_id, theme_id)
        DO UPDATE SET findings = {TABLE}.findings + EXCLUDED.findings;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE OR REPLACE FUNCTION inspection_theme_unlinked() RETURNS trigger AS $$
    BEGIN
        -- Rows whose count falls to nothing go; the others count down.
        WITH gone AS (
            SELECT f.inspection_id, l.theme_id, COUNT(*) AS n
            FROM unlinked l JOIN {FINDINGS} f ON f.id = l.finding_id
            GROUP BY f.inspection_id, l.theme_id
        ), deleted AS (
            DELETE FROM {TABLE} t USING gone
            WHERE t.inspection_id = gone.inspection_id AND t.theme_id = gone.theme_id
                AND t.findings <= gone.n
        )
        UPDATE {TABLE} t SET findings = t.findings - gone.n FROM gone
        WHERE t.inspection_id = gone.inspection_id AND t.theme_id = gone.theme_id
            AND t.findings > gone.n;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE OR REPLACE FUNCTION inspection_theme_finding_moved() RETURNS trigger AS $$
    BEGIN
        DELETE FROM {TABLE} t USING {LINKS} l
        WHERE l.finding_id = NEW.id AND t.inspection_id = OLD.inspection_id
            AND t.theme_id = l.theme_id AND t.findings <= 1;
        UPDATE {TABLE} t SET findings = t.findings - 1 FROM {LINKS} l
        WHERE l.finding_id = NEW.id AND t.inspection_id = OLD.inspection_id
            AND t.theme_id = l.theme_id;
        INSERT INTO {TABLE} (inspection_id, theme_id, findings)
        SELECT NEW.inspection_id, l.theme_id, 1 FROM {LINKS} l WHERE l.finding_id = NEW.id
        ON CONFLICT (inspection_id, theme_id) DO UPDATE SET findings = {TABLE}.findings + 1;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER inspection_theme_linked AFTER INSERT ON {LINKS}
    REFERENCING NEW TABLE AS linked
    FOR EACH STATEMENT EXECUTE FUNCTION inspection_theme_linked()
    """,
    f"""
    CREATE TRIGGER inspection_theme_unlinked AFTER DELETE ON {LINKS}
    REFERENCING OLD TABLE AS unlinked
    FOR EACH STATEMENT EXECUTE FUNCTION inspection_theme_unlinked()
    """,
    f"""
    CREATE TRIGGER inspection_theme_finding_moved AFTER UPDATE OF inspection_id ON {FINDINGS}
    FOR EACH ROW WHEN (OLD.inspection_id IS DISTINCT FROM NEW.inspection_id)
    EXECUTE FUNCTION inspection_theme_finding_moved()
    """,
]
DROP_POSTGRESQL = [
    f"DROP TRIGGER IF EXISTS inspection_theme_linked ON {LINKS}",
    f"DROP TRIGGER IF EXISTS inspection_theme_unlinked ON {LINKS}",
    f"DROP TRIGGER IF EXISTS inspection_theme_finding_moved ON {FINDINGS}",
    "DROP FUNCTION IF EXISTS inspection_theme_linked()",
    "DROP FUNCTION IF EXISTS inspection_theme_unlinked()",
    "DROP FUNCTION IF EXISTS inspection_theme_finding_moved()",
]

# The finding's inspection, for a link row (SQLite's triggers are per row).
_OF_FINDING = f"(SELECT inspection_id FROM {FINDINGS} WHERE id = {{row}}.finding_id)"
SQLITE = [
    f"""
    CREATE TRIGGER inspection_theme_linked AFTER INSERT ON {LINKS}
    BEGIN
        INSERT INTO {TABLE} (inspection_id, theme_id, findings)
        SELECT inspection_id, NEW.theme_id, 1 FROM {FINDINGS} WHERE id = NEW.finding_id
        ON CONFLICT (inspection_id, theme_id) DO UPDATE SET findings = findings + 1;
    END
    """,
    f"""
    CREATE TRIGGER inspection_theme_unlinked AFTER DELETE ON {LINKS}
    BEGIN
        DELETE FROM {TABLE} WHERE theme_id = OLD.theme_id AND findings <= 1
            AND inspection_id = {_OF_FINDING.format(row="OLD")};
        UPDATE {TABLE} SET findings = findings - 1 WHERE theme_id = OLD.theme_id
            AND inspection_id = {_OF_FINDING.format(row="OLD")};
    END
    """,
    f"""
    CREATE TRIGGER inspection_theme_finding_moved AFTER UPDATE OF inspection_id ON {FINDINGS}
    WHEN OLD.inspection_id IS NOT NEW.inspection_id
    BEGIN
        DELETE FROM {TABLE} WHERE inspection_id = OLD.inspection_id AND findings <= 1
            AND theme_id IN (SELECT theme_id FROM {LINKS} WHERE finding_id = NEW.id);
        UPDATE {TABLE} SET findings = findings - 1 WHERE inspection_id = OLD.inspection_id
            AND theme_id IN (SELECT theme_id FROM {LINKS} WHERE finding_id = NEW.id);
        INSERT INTO {TABLE} (inspection_id, theme_id, findings)
        SELECT NEW.inspection_id, theme_id, 1 FROM {LINKS} WHERE finding_id = NEW.id
        ON CONFLICT (inspection_id, theme_id) DO UPDATE SET findings = findings + 1;
    END
    """,
]
DROP_SQLITE = [
    "DROP TRIGGER IF EXISTS inspection_theme_linked",
    "DROP TRIGGER IF EXISTS inspection_theme_unlinked",
    "DROP TRIGGER IF EXISTS inspection_theme_finding_moved",
]


def _statements(vendor, install):
    if vendor == "postgresql":
        return POSTGRESQL if install else DROP_POSTGRESQL
    if vendor == "sqlite":
        return SQLITE if install else DROP_SQLITE
    raise NotImplementedError(f"No theme-count triggers for {vendor}.")


def install(apps, schema_editor):
    """Migration step: the triggers, then the counts as they stand."""
    for sql in [*_statements(schema_editor.connection.vendor, True), *REBUILD]:
        schema_editor.execute(sql)


def uninstall(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, False):
        schema_editor.execute(sql)


def recounted(connection):
    """{(inspection id, theme id): findings}, counted afresh from the links."""
    with connection.cursor() as cursor:
        cursor.execute(COUNT)
        return {(inspection, theme): n for inspection, theme, n in cursor.fetchall()}
