from django.urls import path

from . import views

app_name = "peerreview"
urlpatterns = [
    path("", views.index, name="index"),
    path("draw/", views.draw_page, name="draw"),
    path("themes/", views.themes, name="themes"),
    path("reviews/<int:pk>/", views.review_page, name="review"),
    path("reviews/<int:pk>/letter/", views.letter, name="letter"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("self-reflection/<str:code>/<str:cycle>/", views.self_reflection, name="self_reflection"),
]
