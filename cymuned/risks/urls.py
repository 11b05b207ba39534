from django.urls import path

from . import views

app_name = "risks"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:reference>/", views.detail, name="risk"),
]
