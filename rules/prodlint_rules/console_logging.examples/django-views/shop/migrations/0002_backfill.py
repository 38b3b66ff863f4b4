from django.db import migrations


def backfill(apps, schema_editor):
    print("backfilling")  # ok: LOG001 (a migration)


class Migration(migrations.Migration):
    operations = [migrations.RunPython(backfill)]
