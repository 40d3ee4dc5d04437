"""The same small day of a payments service, logged by each library's example program.

Each program (log_*.py) configures its library the usual way and calls `run(log)` with four
callbacks; what differs between libraries is only how the extras and the exception are passed.
"""

# A very long message (8 000 characters): some services log whole payloads. Far past the
# `ignore_above: 1024` of keyword fields, which is why `message` is a text field.
LONG_PAYLOAD = "items=" + ",".join(f"SKU-{n:05d}" for n in range(1, 801))


def run(info, warning, error_with_exception):
    """Logs the scenario. `info`/`warning`/`error_with_exception` take (message, extras)."""
    info(
        "order placed",
        {"order_id": "ORD-123", "amount": 42.5, "duration": 153.2, "correlation_id": "c0ffee00-0000-4000-8000-000000000001"},
    )
    info(
        "order shipped",
        {"order_id": "ORD-124", "amount": 1999.99, "duration": 1204, "correlation_id": "c0ffee00-0000-4000-8000-000000000002"},
    )
    warning(
        "payment provider slow, retrying",
        {"order_id": "ORD-125", "attempt": 2, "duration": 2500.0, "correlation_id": "c0ffee00-0000-4000-8000-000000000003"},
    )
    try:
        charge(amount=0)
    except ZeroDivisionError:
        error_with_exception(
            "payment failed",
            {"order_id": "ORD-126", "amount": 0, "correlation_id": "c0ffee00-0000-4000-8000-000000000004"},
        )
    info("Bestellung bestätigt für Zoë — 東京 ✓ 🚚", {"order_id": "ORD-127", "customer_locale": "de-DE"})
    info("basket snapshot " + LONG_PAYLOAD, {"order_id": "ORD-128"})


def charge(amount):
    """Fails the way real code does, a few frames deep."""
    return fee_ratio(amount)


def fee_ratio(amount):
    return 100 / amount
