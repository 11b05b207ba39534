from django.urls import path

from . import views

app_name = "maturity"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/<str:cycle>/", views.cycle_page, name="cycle"),
]
