from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.unit, name="unit"),
]
