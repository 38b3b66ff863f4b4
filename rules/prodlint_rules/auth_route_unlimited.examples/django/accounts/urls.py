from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView

from . import views

urlpatterns = [
    path("login/", views.login_view),  # expect: RATE002
    path("register/", views.register),  # ok: RATE002
    path("api/token/", TokenObtainPairView.as_view()),  # expect: RATE002
    path("password/reset/", views.PasswordResetView.as_view()),  # ok: RATE002
    path("profile/", views.profile),  # ok: RATE002
]
