from django.http import JsonResponse
from django_ratelimit.decorators import ratelimit


@ratelimit(key="ip", rate="30/m", block=True)
def orders(request):
    return JsonResponse({})
