from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:label>/<str:pk>/", views.object_history, name="object"),
]
