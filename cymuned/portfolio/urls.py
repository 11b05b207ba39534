from django.urls import path

from . import project_views, views

app_name = "portfolio"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", project_views.project_new, name="project_new"),
    path("quarter/<str:period>/", views.quarter, name="quarter"),
    path("changes/", views.changes, name="changes"),
    path("clusters/", views.cluster_options, name="cluster_options"),
    path("<str:code>/", views.project_detail, name="project"),
    path("<str:code>/edit/", project_views.project_edit, name="project_edit"),
    path("<str:code>/returns/<str:period>/", views.return_form, name="return"),
]
