from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "onestop"
    verbose_name = _("Một cửa")
    menu = [{"label": _("Một cửa"), "url_name": "onestop:dashboard", "order": 30}]

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from core.home import register_home_section
        from core.metrics import Metric, register_metric
        from core.uploads import register_importer
        from onestop import metrics, models, selectors, services

        for model in (models.ServiceLevel, models.Procedure, models.Target):
            auditlog.register(model)
        for key, label, compute in metrics.METRICS:
            register_metric(Metric(key=key, label=label, compute=compute, kind="rate", source="onestop"))
        register_importer("onestop.dossiers", services.dossiers_import, services.DOSSIER_COLUMNS)
        register_importer("onestop.procedures", services.procedures_import, services.PROCEDURE_COLUMNS)
        register_home_section("onestop", lambda user, today: selectors.home_flags(user=user, today=today), order=30)
        # Single edits (admin, API) start a new generation of the cached figures, as the imports do.
        for model in (models.ServiceLevel, models.Procedure, models.Dossier):
            post_save.connect(_new_generation, sender=model, dispatch_uid=f"onestop-generation-save-{model.__name__}")
            post_delete.connect(
                _new_generation, sender=model, dispatch_uid=f"onestop-generation-delete-{model.__name__}"
            )


def _new_generation(sender, **kwargs) -> None:
    from core import generations
    from onestop.selectors import GENERATION

    generations.bump(GENERATION)
