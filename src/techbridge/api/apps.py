from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "techbridge.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from techbridge.api import schema  # noqa: F401  (registers the OpenAPI extension)
