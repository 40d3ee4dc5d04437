"""loguru with `serialize=True`: each line is `{"text": ..., "record": {...}}`.

The record's time is under `record.time` (`timestamp` in epoch seconds, `repr` with the local
offset), the level under `record.level.name`, extras under `record.extra`, and an exception under
`record.exception` (`type`, `value`; the traceback itself is only in `text`).
`diagnose=False` as loguru recommends in production: diagnose prints variable values.
"""

import sys

from loguru import logger

import scenario

logger.remove()
logger.add(sys.stdout, serialize=True, level="INFO", diagnose=False)
logger.configure(extra={"service": "billing"})
log = logger

scenario.run(
    info=lambda msg, extra: log.bind(**extra).info(msg),
    warning=lambda msg, extra: log.bind(**extra).warning(msg),
    error_with_exception=lambda msg, extra: log.bind(**extra).exception(msg),
)
