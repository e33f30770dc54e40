from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "techbridge.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from techbridge.api import schema  # noqa: F401  (registers the OpenAPI extension)
        from techbridge.api.personal_data import register

        register()  # the person's tokens among their personal data
