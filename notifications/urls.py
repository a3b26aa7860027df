from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("read-all/", views.mark_all_read, name="read-all"),
    path("<int:pk>/read/", views.mark_read, name="read"),
    path("<int:pk>/open/", views.open_message, name="open"),
    path("preferences/", views.preferences, name="preferences"),
    path("api/unread/", views.unread_json, name="unread"),
]
