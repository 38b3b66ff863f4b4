from django.contrib import admin
from django.urls import include, path

# ok: HLT001 (api/health/ from ops/urls.py)
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("ops.urls")),
]
