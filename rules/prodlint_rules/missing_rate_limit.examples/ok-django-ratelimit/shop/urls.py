from django.urls import path

from . import views

urlpatterns = [  # ok: RATE001
    path("api/orders/", views.orders),
]
