from django.db import models


# expect: MIG004
class Product(models.Model):
    name = models.CharField(max_length=100)
