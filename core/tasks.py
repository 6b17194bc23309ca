"""Background tasks (Django Tasks API) shared by every app."""

from django_tasks import task

from core import uploads


@task()
def import_job_task(job_id: int) -> str:
    """Check or import the file of an ImportJob (see core.uploads)."""
    return uploads.job_run(job_id)
