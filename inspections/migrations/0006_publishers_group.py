"""The Publishers group, and drafts that editors may delete.

Editors create and change drafts and may delete them; the admin refuses
them any change to, or deletion of, a published record. Publishers have
everything editors have, and also publish, unpublish, change and delete
published records. Only superusers manage users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "inspections": ["localauthority", "theme", "inspection", "judgement", "finding"],
    "people": ["official", "post"],
    "quotes": ["source", "statement"],
}
PUBLISH = [
    ("inspections", "publish_inspection"),
    ("people", "publish_official"),
    ("quotes", "publish_statement"),
]
EDITOR_DRAFT_DELETES = [
    ("inspections", "delete_inspection"),
    ("people", "delete_official"),
    ("quotes", "delete_statement"),
    ("quotes", "delete_source"),
]


def permissions(Permission, pairs):
    found = []
    for app_label, codename in pairs:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def make_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*permissions(Permission, EDITOR_DRAFT_DELETES))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.add(*editors.permissions.all())
    publishers.permissions.add(*permissions(Permission, PUBLISH))
    publishers.permissions.add(
        *permissions(
            Permission,
            [(app, f"delete_{model}") for app, models in CONTENT.items() for model in models],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0005_publish_permission"),
        ("people", "0002_publish_permission"),
        ("quotes", "0002_publish_permission"),
    ]

    operations = [migrations.RunPython(make_groups, migrations.RunPython.noop)]
