from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("compliance/", views.compliance, name="compliance"),
    path("<int:pk>/", views.meeting, name="meeting"),
]
