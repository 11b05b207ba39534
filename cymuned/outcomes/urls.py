from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<str:code>/", views.project, name="project"),
    path("projects/<str:code>/<str:period>/link/", views.issue_link, name="issue_link"),
    path("projects/<str:code>/<str:period>/revoke/", views.revoke_links, name="revoke_links"),
]
