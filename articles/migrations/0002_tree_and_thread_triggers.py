"""Database-level rules that a CHECK constraint cannot express.

- A comment's parent belongs to the same article.
- No unit is its own ancestor (the new parent's path must not lie inside the unit's subtree).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE TRIGGER comment_parent_same_article_insert
    BEFORE INSERT ON articles_comment
    WHEN NEW.parent_id IS NOT NULL
     AND (SELECT article_id FROM articles_comment WHERE id = NEW.parent_id) IS NOT NEW.article_id
    BEGIN SELECT RAISE(ABORT, 'comment parent belongs to another article'); END
    """,
    """
    CREATE TRIGGER comment_parent_same_article_update
    BEFORE UPDATE OF parent_id, article_id ON articles_comment
    WHEN NEW.parent_id IS NOT NULL
     AND (SELECT article_id FROM articles_comment WHERE id = NEW.parent_id) IS NOT NEW.article_id
    BEGIN SELECT RAISE(ABORT, 'comment parent belongs to another article'); END
    """,
    """
    CREATE TRIGGER unit_no_cycle_update
    BEFORE UPDATE OF parent_id ON articles_unit
    WHEN NEW.parent_id IS NOT NULL AND OLD.path != ''
     AND substr((SELECT path FROM articles_unit WHERE id = NEW.parent_id), 1, length(OLD.path)) = OLD.path
    BEGIN SELECT RAISE(ABORT, 'unit cannot be its own ancestor'); END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS comment_parent_same_article_insert",
    "DROP TRIGGER IF EXISTS comment_parent_same_article_update",
    "DROP TRIGGER IF EXISTS unit_no_cycle_update",
]

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION articles_comment_parent_check() RETURNS trigger AS $$
    BEGIN
      IF NEW.parent_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM articles_comment WHERE id = NEW.parent_id AND article_id = NEW.article_id
      ) THEN
        RAISE EXCEPTION 'comment parent belongs to another article' USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER comment_parent_same_article
    BEFORE INSERT OR UPDATE OF parent_id, article_id ON articles_comment
    FOR EACH ROW EXECUTE FUNCTION articles_comment_parent_check()
    """,
    """
    CREATE FUNCTION articles_unit_cycle_check() RETURNS trigger AS $$
    BEGIN
      IF NEW.parent_id IS NOT NULL AND OLD.path <> '' AND EXISTS (
        SELECT 1 FROM articles_unit WHERE id = NEW.parent_id AND starts_with(path, OLD.path)
      ) THEN
        RAISE EXCEPTION 'unit cannot be its own ancestor' USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER unit_no_cycle
    BEFORE UPDATE OF parent_id ON articles_unit
    FOR EACH ROW EXECUTE FUNCTION articles_unit_cycle_check()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS comment_parent_same_article ON articles_comment",
    "DROP FUNCTION IF EXISTS articles_comment_parent_check()",
    "DROP TRIGGER IF EXISTS unit_no_cycle ON articles_unit",
    "DROP FUNCTION IF EXISTS articles_unit_cycle_check()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
