from django.http import JsonResponse
from django_ratelimit.decorators import ratelimit
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView


def login_view(request):
    return JsonResponse({"ok": True})


@ratelimit(key="ip", rate="5/m", block=True)
def register(request):
    return JsonResponse({"ok": True})


class PasswordResetView(APIView):
    throttle_classes = [AnonRateThrottle]

    def post(self, request):
        return JsonResponse({"ok": True})


def profile(request):
    return JsonResponse({})
