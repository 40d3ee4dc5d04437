"""structlog rendering JSON, configured as its documentation recommends for production.

Timestamps are ISO 8601 in UTC (`2024-03-15T09:30:00.123456Z`); the message is under `event`;
tracebacks are rendered as one string by `format_exc_info` (see README: `dict_tracebacks` would
make `exception` a list of objects, which the pipeline does not flatten).
"""

import logging
import sys

import structlog

import scenario

structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.StackInfoRenderer(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.CallsiteParameterAdder(
            [
                structlog.processors.CallsiteParameter.MODULE,
                structlog.processors.CallsiteParameter.FUNC_NAME,
                structlog.processors.CallsiteParameter.LINENO,
            ]
        ),
        structlog.processors.format_exc_info,
        structlog.processors.JSONRenderer(ensure_ascii=False),
    ],
    wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
    logger_factory=structlog.WriteLoggerFactory(file=sys.stdout),
)
structlog.contextvars.bind_contextvars(service="checkout")
# Without the stdlib integration structlog has no logger names; bind one, as add_logger_name would.
log = structlog.get_logger().bind(logger="checkout.worker")

scenario.run(
    info=lambda msg, extra: log.info(msg, **extra),
    warning=lambda msg, extra: log.warning(msg, **extra),
    error_with_exception=lambda msg, extra: log.exception(msg, **extra),
)
