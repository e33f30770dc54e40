from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "techbridge.pipeline"
    label = "pipeline"
    verbose_name = _("Transfer pipeline")
