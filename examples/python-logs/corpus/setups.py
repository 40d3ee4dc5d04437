"""The JSON setups of python-json-logger, structlog and loguru, each as its library's docs show it.

`python setups.py NAME` configures one setup and logs the scenario below to stdout (stderr goes to
the same file: generate.py redirects both, as a service's container or systemd unit does). The
clock is frozen and moved by `tick()` (time-machine), so that the corpus is reproducible and every
setup crosses the same daylight-saving change: 2026-03-29 01:00 UTC, when Europe/Berlin goes from
+01:00 to +02:00 (generate.py runs every setup with TZ=Europe/Berlin).

Each setup is a function that configures the library and returns a `Log` adapter; `scenario()`
makes the same calls through it: extras of every JSON type (one whose type changes), extras named
like ECS/Filebeat fields, unicode and multi-line messages, plain/chained/grouped/multi-line
exceptions, a `print`, and finally an uncaught exception (a traceback on stderr).
"""

import json
import logging
import logging.config
import sys
from datetime import datetime, timedelta, timezone

import time_machine

# Where the scenario starts: 20 minutes before Europe/Berlin's 2026 spring-forward (01:00 UTC).
START = datetime(2026, 3, 29, 0, 40, 0, 123456, tzinfo=timezone.utc)
STEP = timedelta(seconds=97, microseconds=1)
LONG_PAYLOAD = "items=" + ",".join(f"SKU-{n:05d}" for n in range(1, 801))
CORRELATION = "c0ffee00-0000-4000-8000-00000000000"

TRAVEL = None


def tick():
    TRAVEL.shift(STEP)


class Log:
    """What the scenario needs from a library: log at a level, with extras, maybe an exception."""

    def __init__(self, emit, collisions, custom_levels=()):
        self.emit = emit  # emit(level, message, extras, exc_info: bool)
        self.collisions = collisions  # the extras named like ECS/Filebeat fields this library can log
        self.custom_levels = custom_levels  # levels beyond the standard library's five

    def __call__(self, level, message, /, exc_info=False, **extras):
        self.emit(level, message, extras, exc_info)
        tick()


# ---------------------------------------------------------------- the scenario


def fee_ratio(amount):
    return 100 / amount


def charge(amount):
    return fee_ratio(amount)


def scenario(log):
    log("info", "service started", version="1.4.2", port=8080)
    log("info", "order placed", order_id="ORD-123", amount=42.5, duration=153.2, correlation_id=CORRELATION + "1", service="payments")
    log(
        "info",
        "every JSON type",
        status=200,
        ok=True,
        ratio=0.25,
        missing=None,
        tags=["a", "b"],
        customer={"id": 7, "tier": "gold", "address": {"city": "Köln"}},
        big=2**63,
        empty={},
    )
    log("info", "status changed type", status="timeout", customer="anonymous")
    log("warning", "payment provider slow, retrying", attempt=2, duration=2500.0, order_id="ORD-125")
    log("info", "first line\nsecond line\n\tindented third")
    log("info", "Bestellung bestätigt für Zoë — 東京 ✓ 🚚", customer_locale="de-DE")
    # `@timestamp` as services set it: the record's own time, in ISO 8601 with its offset.
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    log("info", "extras named like ECS and Filebeat fields", **{k: now if k == "@timestamp" else v for k, v in log.collisions.items()})
    log("debug", "cache miss", key="user:7", duration="1.5s")
    log("info", "not a number", ratio=float("nan"))
    try:
        charge(amount=0)
    except ZeroDivisionError:
        log("error", "payment failed", exc_info=True, order_id="ORD-126", amount=0)
    try:
        try:
            {}["card"]
        except KeyError as e:
            raise ValueError("card rejected") from e
    except ValueError:
        log("error", "chained exception", exc_info=True)
    try:
        try:
            charge(0)
        except ZeroDivisionError:
            raise LookupError("while handling: no fallback provider")
    except LookupError:
        log("error", "exception during handling", exc_info=True)
    try:
        raise ValueError("first line of the reason\nsecond line: details\nthird line")
    except ValueError:
        log("error", "multi-line exception message", exc_info=True)
    try:
        raise RuntimeError
    except RuntimeError:
        log("error", "exception without a message", exc_info=True)
    try:
        errors = []
        for provider in ("visa", "amex"):
            try:
                raise ConnectionError(f"{provider}: connection reset")
            except ConnectionError as e:
                errors.append(e)
        raise ExceptionGroup("all providers failed", [*errors, TypeError("bad config")])
    except ExceptionGroup:
        log("error", "exception group", exc_info=True)
    log("error", "card declined", reason="insufficient funds", order_id="ORD-127")
    log("critical", "database unreachable", retry_in=30)
    for level in log.custom_levels:
        log(level, f"a {level} record", audit=True)
    log("info", "basket snapshot " + LONG_PAYLOAD, order_id="ORD-128")
    print("plain print to stdout: cache warmed in 12 ms", flush=True)
    tick()
    log("info", "shutting down", uptime_s=3600.5)
    sys.stdout.flush()
    # An uncaught exception: Python prints the traceback on stderr, one line at a time for Filebeat.
    charge(amount=0)


# ---------------------------------------------------------------- python-json-logger


def stdlib_log(logger, collisions):
    levels = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR, "critical": logging.CRITICAL}

    def emit(level, message, extras, exc_info):
        logger.log(levels[level], message, exc_info=exc_info, extra=extras)

    return Log(emit, collisions)


# `extra=` may not name LogRecord attributes (`message`, `name`, …: KeyError), so `message` is not among them.
STDLIB_COLLISIONS = {"host": "db-1", "event": "payment.captured", "log": "audit", "error": "timeout", "@timestamp": None}


def pjl_handler(formatter):
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG)
    return logging.getLogger("payments.api")


def pjl_quickstart():
    """The docs' quickstart: `JsonFormatter()` with no arguments (only `message`, and the extras)."""
    from pythonjsonlogger.json import JsonFormatter

    return stdlib_log(pjl_handler(JsonFormatter()), STDLIB_COLLISIONS)


def pjl_percent_fields():
    """A %-style format naming the LogRecord attributes, `static_fields`, non-ASCII kept."""
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(module)s %(funcName)s %(lineno)d %(process)d %(threadName)s %(message)s",
        static_fields={"service": "payments"},
        json_ensure_ascii=False,
    )
    return stdlib_log(pjl_handler(formatter), STDLIB_COLLISIONS)


def pjl_brace_datefmt():
    """`style="{"`, and `datefmt="%Y-%m-%d %H:%M:%S"`: local time, no millis, no zone."""
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter("{asctime}{levelname}{name}{message}", style="{", datefmt="%Y-%m-%d %H:%M:%S")
    return stdlib_log(pjl_handler(formatter), STDLIB_COLLISIONS)


def pjl_rename_fields():
    """`rename_fields` as the cookbook shows it: asctime to `@timestamp`, levelname to `status`."""
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s",
        rename_fields={"asctime": "@timestamp", "levelname": "status"},
    )
    return stdlib_log(pjl_handler(formatter), STDLIB_COLLISIONS)


def pjl_timestamp_arrays():
    """`timestamp=True` (ISO 8601 in UTC), tracebacks and stacks as arrays of lines."""
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        "%(levelname)s %(name)s %(message)s",
        timestamp=True,
        exc_info_as_array=True,
        stack_info_as_array=True,
    )
    return stdlib_log(pjl_handler(formatter), STDLIB_COLLISIONS)


def pjl_dictconfig_orjson():
    """`dictConfig` with the orjson formatter, an ISO datefmt with the offset, and `defaults`."""
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "json": {
                    "()": "pythonjsonlogger.orjson.OrjsonFormatter",
                    "fmt": "%(asctime)s %(levelname)s %(name)s %(filename)s %(lineno)d %(message)s",
                    "datefmt": "%Y-%m-%dT%H:%M:%S%z",
                    "defaults": {"environment": "production"},
                }
            },
            "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
            "root": {"level": "DEBUG", "handlers": ["stdout"]},
        }
    )
    return stdlib_log(logging.getLogger("payments.api"), STDLIB_COLLISIONS)


# ---------------------------------------------------------------- structlog


STRUCTLOG_COLLISIONS = {"host": "db-1", "log": "audit", "error": "timeout", "message": "an extra called message", "@timestamp": None}


def structlog_log(logger, collisions=STRUCTLOG_COLLISIONS):
    def emit(level, message, extras, exc_info):
        method = getattr(logger, level)
        if exc_info:
            logger.exception(message, **extras)
        else:
            method(message, **extras)

    return Log(emit, collisions)


def structlog_configure(*processors, renderer=None, factory=None):
    import structlog

    structlog.reset_defaults()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            *processors,
            renderer or structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG),
        logger_factory=factory or structlog.PrintLoggerFactory(file=sys.stdout),
        cache_logger_on_first_use=False,
    )
    return structlog.get_logger()


def sl_production_dict_tracebacks():
    """The docs' production recipe: ISO UTC timestamps, `dict_tracebacks` (structured exceptions)."""
    import structlog

    log = structlog_configure(
        structlog.processors.StackInfoRenderer(),
        structlog.dev.set_exc_info,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.dict_tracebacks,
    )
    structlog.contextvars.bind_contextvars(service="checkout")
    return structlog_log(log)


def sl_format_exc_info():
    """`format_exc_info` (the traceback as one string), `TimeStamper(fmt="iso")`, a bound logger name."""
    import structlog

    log = structlog_configure(
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.format_exc_info,
    )
    return structlog_log(log.bind(logger="checkout.worker"))


def sl_local_naive():
    """`TimeStamper(fmt="iso", utc=False)`: local time without an offset."""
    import structlog

    log = structlog_configure(
        structlog.processors.TimeStamper(fmt="iso", utc=False),
        structlog.processors.format_exc_info,
    )
    return structlog_log(log)


def sl_strftime():
    """`TimeStamper(fmt="%Y-%m-%d %H:%M:%S", utc=False)`: no millis, a space, local time."""
    import structlog

    log = structlog_configure(
        structlog.processors.TimeStamper(fmt="%Y-%m-%d %H:%M:%S", utc=False),
        structlog.processors.format_exc_info,
    )
    return structlog_log(log)


def sl_strftime_t_unicode():
    """`TimeStamper(fmt="%Y-%m-%dT%H:%M:%S", utc=False)`, `JSONRenderer(ensure_ascii=False)`."""
    import structlog

    log = structlog_configure(
        structlog.processors.TimeStamper(fmt="%Y-%m-%dT%H:%M:%S", utc=False),
        structlog.processors.format_exc_info,
        renderer=structlog.processors.JSONRenderer(ensure_ascii=False),
    )
    return structlog_log(log)


def sl_event_renamer():
    """`EventRenamer("msg", "_event")`: the message under `msg`, `_event=` logged as `event`."""
    import structlog

    log = structlog_configure(
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.format_exc_info,
        structlog.processors.EventRenamer("msg", "_event"),
    )
    # `replace_by="_event"`: the docs' way to log a field called `event` (as `_event=`).
    collisions = dict(STRUCTLOG_COLLISIONS, _event="payment.captured")
    return structlog_log(log, collisions)


def sl_epoch_callsite_orjson():
    """`TimeStamper()` (epoch seconds), every `CallsiteParameter`, orjson bytes (the docs' speed recipe)."""
    import orjson
    import structlog

    log = structlog_configure(
        structlog.processors.TimeStamper(),
        structlog.processors.CallsiteParameterAdder(),
        structlog.processors.format_exc_info,
        renderer=structlog.processors.JSONRenderer(serializer=orjson.dumps, option=orjson.OPT_NON_STR_KEYS),
        factory=structlog.BytesLoggerFactory(file=sys.stdout.buffer),
    )
    return structlog_log(log)


def sl_stdlib_processor_formatter():
    """structlog and the standard library's loggers rendered alike by `ProcessorFormatter`."""
    import structlog

    timestamper = structlog.processors.TimeStamper(fmt="iso")
    shared = [structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name, structlog.stdlib.ExtraAdder(), timestamper]
    structlog.reset_defaults()
    structlog.configure(
        processors=[structlog.stdlib.filter_by_level, *shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG)
    native = structlog.get_logger("checkout.worker")
    foreign = stdlib_log(logging.getLogger("urllib3.connectionpool"), STDLIB_COLLISIONS)
    structured = structlog_log(native)

    # Every other call from a plain stdlib logger (a library's), the rest through structlog.
    calls = [0]

    def emit(level, message, extras, exc_info):
        calls[0] += 1
        (foreign if calls[0] % 2 else structured).emit(level, message, extras, exc_info)

    return Log(emit, STRUCTLOG_COLLISIONS)


# ---------------------------------------------------------------- loguru


LOGURU_COLLISIONS = {"host": "db-1", "event": "payment.captured", "log": "audit", "error": "timeout", "message": "an extra called message", "@timestamp": None}


def loguru_log(logger, custom_levels=()):
    def emit(level, message, extras, exc_info):
        bound = logger.bind(**extras)
        if exc_info:
            bound.opt(exception=True).log(level.upper(), message)
        else:
            bound.log(level.upper(), message)

    return Log(emit, LOGURU_COLLISIONS, custom_levels)


def lg_serialize():
    """`logger.add(sys.stdout, serialize=True)`: the docs' JSON sink, defaults otherwise."""
    from loguru import logger

    logger.remove()
    logger.add(sys.stdout, serialize=True, level="DEBUG")
    return loguru_log(logger)


def lg_custom_levels_production():
    """Custom levels (`logger.level("NOTICE", no=25)`), SUCCESS and TRACE, `diagnose=False`, `configure(extra=)`."""
    from loguru import logger

    logger.remove()
    logger.level("NOTICE", no=25, icon="🔔")
    logger.add(sys.stdout, serialize=True, level="TRACE", diagnose=False, backtrace=False)
    logger.configure(extra={"service": "billing"})
    return loguru_log(logger, custom_levels=("notice", "success", "trace"))


def lg_patch_serializer():
    """The docs' recipe for a custom JSON: a patcher writes `extra[serialized]`, the sink prints it.

    Exactly as documented: three keys, no extras, and loguru appends a traceback after the JSON
    (a string format gets `{exception}`), so an exception arrives as lines that are no JSON."""
    from loguru import logger

    def serialize(record):
        subset = {
            "timestamp": record["time"].timestamp(),
            "message": record["message"],
            "level": record["level"].name,
        }
        return json.dumps(subset)

    def patching(record):
        record["extra"]["serialized"] = serialize(record)

    logger.remove()
    patched = logger.patch(patching)
    patched.add(sys.stdout, format="{extra[serialized]}", level="DEBUG")
    return loguru_log(patched)


SETUPS = {
    "pjl-quickstart": pjl_quickstart,
    "pjl-percent-fields": pjl_percent_fields,
    "pjl-brace-datefmt": pjl_brace_datefmt,
    "pjl-rename-fields": pjl_rename_fields,
    "pjl-timestamp-arrays": pjl_timestamp_arrays,
    "pjl-dictconfig-orjson": pjl_dictconfig_orjson,
    "structlog-production-dict-tracebacks": sl_production_dict_tracebacks,
    "structlog-format-exc-info": sl_format_exc_info,
    "structlog-local-naive": sl_local_naive,
    "structlog-strftime": sl_strftime,
    "structlog-strftime-t-unicode": sl_strftime_t_unicode,
    "structlog-event-renamer": sl_event_renamer,
    "structlog-epoch-callsite-orjson": sl_epoch_callsite_orjson,
    "structlog-stdlib-processor-formatter": sl_stdlib_processor_formatter,
    "loguru-serialize": lg_serialize,
    "loguru-custom-levels-production": lg_custom_levels_production,
    "loguru-patch-serializer": lg_patch_serializer,
}


def main(name):
    global TRAVEL
    with time_machine.travel(START.timestamp(), tick=False) as traveller:
        TRAVEL = traveller
        log = SETUPS[name]()
        scenario(log)


if __name__ == "__main__":
    main(sys.argv[1])
