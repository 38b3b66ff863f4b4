import logging
from django.http import JsonResponse

from .models import Product

logger = logging.getLogger(__name__)


def product_list(request):
    products = list(Product.objects.values())
    logger.info("listing products for %s", request.user)  # expect: LOG001
    return JsonResponse(products, safe=False)
