"""The Editors group: council staff who enter and review content. They may
add, change and view every content record, and delete the parts of a record
(findings, judgements, posts), but not manage users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "inspections": ["localauthority", "theme", "inspection", "judgement", "finding"],
    "people": ["official", "post"],
    "quotes": ["source", "statement"],
}
DELETABLE = {"judgement", "finding", "post"}


def make_editors(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, models in CONTENT.items():
        for model in models:
            actions = ["add", "change", "view"] + (["delete"] if model in DELETABLE else [])
            editors.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0002_starting_themes"),
        ("people", "0001_initial"),
        ("quotes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_editors, migrations.RunPython.noop)]
