import json

from django.views.decorators.http import require_POST


@require_POST
def webhook(request):
    event = json.loads(request.body)  # expect: ERR005
    return handle(event)
