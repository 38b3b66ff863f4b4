from django.http import JsonResponse

from .models import Product


def product_list(request):
    products = list(Product.objects.values())
    print("listing products for", request.user)  # expect: LOG001
    return JsonResponse(products, safe=False)
