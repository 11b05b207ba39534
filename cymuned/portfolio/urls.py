from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.index, name="index"),
    path("quarter/<str:period>/", views.quarter, name="quarter"),
    path("<str:code>/", views.project_detail, name="project"),
    path("<str:code>/returns/<str:period>/", views.return_form, name="return"),
]
