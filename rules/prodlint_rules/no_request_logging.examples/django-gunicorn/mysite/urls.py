from django.contrib import admin
from django.urls import path

urlpatterns = [  # expect: LOG002
    path("admin/", admin.site.urls),
]
