"""Background jobs."""
import logging

logger = logging.getLogger(__name__)


def run(job):
    try:
        job()
    except BaseException:  # expect: ERR004
        pass
