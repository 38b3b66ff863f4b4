import redis
from django.conf import settings
from django.http import JsonResponse
from django.views import View


def counter(request):
    r = redis.Redis.from_url(settings.REDIS_URL)  # expect: DB001
    return JsonResponse({"count": r.incr("count")})


class StatsView(View):
    def get(self, request):
        r = redis.StrictRedis(host="cache")  # expect: DB001
        return JsonResponse({"n": r.dbsize()})

    def build_client(self, host):
        return redis.Redis(host=host)  # ok: DB001


def helper(config):
    return redis.Redis(**config)  # ok: DB001
