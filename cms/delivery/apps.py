from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "cms.delivery"
    label = "delivery"
    verbose_name = "内容分发"
    default_auto_field = "django.db.models.BigAutoField"
