from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "techbridge.programme"
    label = "programme"
    verbose_name = _("Cooperation programme")

    def ready(self) -> None:
        # The secretariat's admin site is created while the apps load, not first when the
        # URLconf is imported: the development server imports the URLconf in one thread while
        # it runs the system checks (which iterate every admin site) in another, and a site
        # created during that iteration stops the server ("Set changed size during iteration").
        from techbridge.programme import secretariat  # noqa: F401
