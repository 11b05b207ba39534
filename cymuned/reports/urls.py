from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("data-pack/<str:code>/", views.data_pack, name="data_pack"),
    path("papers/<int:pk>/file/", views.paper_file, name="paper_file"),
    path("committees/new/", views.committee, name="committee_new"),
    path("committees/<int:pk>/", views.committee, name="committee"),
]
