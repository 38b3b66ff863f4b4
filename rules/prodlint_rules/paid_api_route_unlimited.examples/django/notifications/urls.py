from django.urls import path

from . import views

urlpatterns = [
    path("invite/", views.invite),  # expect: RATE003
    path("digest/", views.DigestView.as_view()),  # ok: RATE003
    path("status/", views.status),  # ok: RATE003
]
