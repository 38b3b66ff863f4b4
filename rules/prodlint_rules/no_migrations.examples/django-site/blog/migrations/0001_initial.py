from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Entry", fields=[("id", models.AutoField(primary_key=True))]),
    ]
