from django.urls import include, path

urlpatterns = [  # ok: RATE001
    path("api/", include("api.urls")),
]
