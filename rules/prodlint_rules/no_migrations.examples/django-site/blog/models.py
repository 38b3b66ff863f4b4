from django.db import models


# ok: MIG004
class Entry(models.Model):
    title = models.CharField(max_length=100)
