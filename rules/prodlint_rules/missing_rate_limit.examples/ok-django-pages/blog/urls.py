from django.urls import path

from . import views

# pages of a blog: no API
urlpatterns = [  # ok: RATE001
    path("", views.index),
    path("posts/<slug:slug>/", views.post),
]
