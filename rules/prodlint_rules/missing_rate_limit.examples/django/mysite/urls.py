from django.contrib import admin
from django.urls import include, path

urlpatterns = [  # expect: RATE001
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]
