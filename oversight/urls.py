from django.urls import path

from oversight import stats_views, views

app_name = "oversight"

urlpatterns = [
    path("", views.board, name="board"),
    path("items/<slug:source>/<int:department_id>/", views.drill, name="drill"),
    path("statistics/", stats_views.statistics, name="statistics"),
    path("statistics/<slug:key>.<str:fmt>", stats_views.export, name="export"),
]
