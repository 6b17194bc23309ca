"""Upload → preview → confirm, for every import page.

The preview runs the whole import in a transaction that is rolled back (so it reports every error and the
summary, and writes nothing); the file waits in storage under a random token until the user confirms.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction


def dry_run(importer: Callable[..., Any], **kwargs) -> Any:
    """Run `importer(**kwargs)` and roll everything back; ImportFailed/ApplicationError pass through."""
    with transaction.atomic():
        result = importer(**kwargs)
        transaction.set_rollback(True)
    return result


def _name(user, token: str) -> str:
    return f"imports/{user.pk}-{token}"


def stage(user, upload) -> str:
    upload.seek(0)
    token = uuid.uuid4().hex
    default_storage.save(_name(user, token), upload)
    return token


def run_staged(user, token: str, importer: Callable[..., Any], **kwargs) -> Any:
    """Import the staged file for real; the staged copy is removed whatever happens.
    Raises FileNotFoundError when the token is unknown (expired or someone else's)."""
    if not token.isalnum():
        raise FileNotFoundError(token)
    name = _name(user, token)
    if not default_storage.exists(name):
        raise FileNotFoundError(token)
    try:
        with default_storage.open(name, "rb") as fh:
            return importer(source=fh, **kwargs)
    finally:
        default_storage.delete(name)
