from django.urls import path

from . import views

app_name = "definitions"
urlpatterns = [path("", views.index, name="index")]
