"""Scheduled work: the flush (Redis → daily rows; the scheduler's own buffer) and upkeep."""

import datetime
import logging

from . import clock, visitor
from .models import AppliedBatch
from .stores import get_store

logger = logging.getLogger("vnportal.stats")

APPLIED_BATCH_DAYS = 7


def flush():
    return get_store().flush()


def maintenance():
    """Delete salts past 48 hours and the old idempotency log; history is never touched."""
    deleted = visitor.delete_old_salts()
    AppliedBatch.objects.filter(applied_at__lt=clock.now() - datetime.timedelta(days=APPLIED_BATCH_DAYS)).delete()
    return deleted
