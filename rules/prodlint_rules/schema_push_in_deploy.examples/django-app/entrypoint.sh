#!/bin/sh
set -e
# expect: MIG002
python manage.py makemigrations --noinput
python manage.py migrate --noinput
exec gunicorn shop.wsgi:application --bind 0.0.0.0:8000
