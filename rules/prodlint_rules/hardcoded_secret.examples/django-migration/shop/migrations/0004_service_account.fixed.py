from django.db import migrations
import os


def create_service_account(apps, schema_editor):
    User = apps.get_model("auth", "User")
    # a migration runs against the production database: its password ships with the code
    User.objects.create(username="billing-bot", password=os.environ["PASSWORD"])  # expect: SEC001


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_backfill_prices")]
    operations = [migrations.RunPython(create_service_account, migrations.RunPython.noop)]
