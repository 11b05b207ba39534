from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/<int:pk>/", views.ranking, name="ranking"),
    path("rounds/<int:pk>/new/", views.proposal_new, name="new"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/edit/", views.proposal_edit, name="edit"),
    path("<str:code>/submit/", views.submit, name="submit"),
    path("<str:code>/assess/", views.assess, name="assess"),
    path("<str:code>/assessors/", views.add_assessor, name="add_assessor"),
    path("<str:code>/consensus/", views.consensus, name="consensus"),
    path("<str:code>/decide/", views.decide, name="decide"),
    path("<str:code>/project/", views.create_project, name="create_project"),
    path("<str:code>/letter.docx", views.letter, {"fmt": "docx"}, name="letter_docx"),
    path("<str:code>/letter.pdf", views.letter, {"fmt": "pdf"}, name="letter_pdf"),
]
