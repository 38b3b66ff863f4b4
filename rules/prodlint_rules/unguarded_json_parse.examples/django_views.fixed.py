import json

from django.views.decorators.http import require_POST
from django.http import JsonResponse


@require_POST
def webhook(request):
    try:
        event = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "Invalid JSON"}, status=400)  # expect: ERR005
    return handle(event)
