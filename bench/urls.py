"""The production URLconf plus a bare "hello" view: the benchmark's baseline, never deployed."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as production


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


urlpatterns = [path("__bench__/hello/", hello, name="bench_hello"), *production]
