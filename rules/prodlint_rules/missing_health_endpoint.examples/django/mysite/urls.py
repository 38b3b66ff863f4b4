from django.contrib import admin
from django.urls import include, path

# expect: HLT001
urlpatterns = [
    path("admin/", admin.site.urls),
    path("shop/", include("shop.urls")),
]
