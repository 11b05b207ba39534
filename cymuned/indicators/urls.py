from django.urls import path

from . import aims, views

app_name = "indicators"
urlpatterns = [
    path("projects/<str:code>/", aims.edit, name="project"),
    path("<str:code>/", views.dashboard, name="dashboard"),
]
