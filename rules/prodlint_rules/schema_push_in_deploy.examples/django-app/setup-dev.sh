#!/bin/sh
# ok: MIG002
python manage.py makemigrations
