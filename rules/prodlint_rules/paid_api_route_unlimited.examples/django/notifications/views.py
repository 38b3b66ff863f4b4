import os

from django.http import JsonResponse
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail

sg = SendGridAPIClient(os.environ.get("SENDGRID_API_KEY"))


def _send(to, subject):
    sg.send(Mail(from_email="team@example.com", to_emails=to, subject=subject, html_content="<p>Hi</p>"))


def invite(request):
    _send(request.POST["email"], "You are invited")
    return JsonResponse({"sent": True})


class DigestView(APIView):
    throttle_classes = [UserRateThrottle]

    def post(self, request):
        _send(request.user.email, "Your digest")
        return JsonResponse({"sent": True})


def status(request):
    return JsonResponse({"ok": True})
