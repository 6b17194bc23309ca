"""Static files in production: WhiteNoise's compressed manifest storage, with a clear failure mode.

Without `collectstatic` the manifest is missing and every `{% static %}` would raise, turning every page into
a 500. Here a missing entry logs an error and falls back to the plain URL (the page still renders), and the
system check `core.W001` says what to run.
"""

from __future__ import annotations

import logging

from django.core.checks import Warning, register
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url(self, name, force=False):
        try:
            return super().url(name, force)
        except ValueError:
            logger.error("static file %s is not in the manifest: run `python manage.py collectstatic`", name)
            return self._url(lambda plain: plain, name, force)


@register("staticfiles")
def manifest_exists(app_configs=None, **kwargs):
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, StaticFilesStorage) or storage.exists(storage.manifest_name):
        return []
    return [
        Warning(
            "Static files were not collected (DEBUG=0): pages render without styles and scripts.",
            hint="Run `python manage.py collectstatic --noinput` before starting the server.",
            id="core.W001",
        )
    ]
