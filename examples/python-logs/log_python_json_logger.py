"""python-json-logger on the standard library's logging, configured the usual way.

asctime is Python's default: `2024-03-15 10:30:00,123`, local time without an offset.
"""

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

import scenario

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(
    JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(module)s %(funcName)s %(lineno)d %(process)d %(threadName)s %(message)s",
        static_fields={"service": "payments"},
        json_ensure_ascii=False,
    )
)
logging.basicConfig(level=logging.INFO, handlers=[handler])
log = logging.getLogger("payments.api")

scenario.run(
    info=lambda msg, extra: log.info(msg, extra=extra),
    warning=lambda msg, extra: log.warning(msg, extra=extra),
    error_with_exception=lambda msg, extra: log.exception(msg, extra=extra),
)
