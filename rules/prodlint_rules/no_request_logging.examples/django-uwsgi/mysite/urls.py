from django.contrib import admin
from django.urls import path

urlpatterns = [  # ok: LOG002 (uWSGI logs each request by default)
    path("admin/", admin.site.urls),
]
