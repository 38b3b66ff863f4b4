from django.shortcuts import render


def index(request):
    return render(request, "index.html")


def post(request, slug):
    return render(request, "post.html", {"slug": slug})
