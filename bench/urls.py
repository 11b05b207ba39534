from django.http import HttpResponse
from django.urls import path

from cymuned.urls import urlpatterns as service

CONSTANT = b"<!doctype html><title>constant</title><p>The framework floor: no query beyond the session's.</p>"


def constant(request):
    """Signed in like every page (the session and user are read), then a constant body."""
    return HttpResponse(CONSTANT)


urlpatterns = [path("bench/constant/", constant), *service]
