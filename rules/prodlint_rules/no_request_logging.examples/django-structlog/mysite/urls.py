from django.contrib import admin
from django.urls import path

urlpatterns = [  # ok: LOG002 (django-structlog's middleware logs each request)
    path("admin/", admin.site.urls),
]
