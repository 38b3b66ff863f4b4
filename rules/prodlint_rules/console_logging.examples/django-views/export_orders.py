import csv
import sys

import django

django.setup()

from shop.models import Order  # noqa: E402

writer = csv.writer(open(sys.argv[1], "w"))
for order in Order.objects.all():
    writer.writerow([order.pk, order.total])
print("exported", Order.objects.count(), "orders")  # ok: LOG001 (a command-line program reading sys.argv)
