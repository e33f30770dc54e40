from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "techbridge.web"
    label = "web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        # Connects the log-in signal that asks for consent to a new privacy notice.
        from techbridge.web import privacy  # noqa: F401
