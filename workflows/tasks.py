"""Background tasks (django-tasks): the hand-off of outbox rows to a worker."""

from django_tasks import task

from .outbox import outbox_run


@task()
def outbox_task(row_id: int) -> bool:
    """Run one outbox row (claimed, so a duplicate hand-off does nothing)."""
    return outbox_run(row_id)


@task()
def outbox_batch_task(row_ids: list[int]) -> int:
    """Run the outbox rows of one transition, each claimed on its own; return how many ran."""
    return sum(1 for row_id in row_ids if outbox_run(row_id))
