from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("binh-chon/", views.archive, name="archive"),
    path("binh-chon/<int:poll_id>/", views.detail, name="detail"),
    path("binh-chon/<int:poll_id>/vote/", views.vote, name="vote"),
    path("binh-chon/<int:poll_id>/khoi/", views.widget, name="widget"),
    path("binh-chon/<int:poll_id>/ket-qua.csv", views.results_csv, name="results_csv"),
    path("api/polls/current/", views.api_current, name="api_current"),
    path("api/polls/<int:poll_id>/", views.api_detail, name="api_detail"),
]
