"""Which flow drives which case kind. Case kinds register their flow in AppConfig.ready."""

from .flows import Flow

_flows: dict[str, type[Flow]] = {}

ERROR_UNKNOWN_KIND = "No flow is registered for case kind %r."


def register_flow(flow: type[Flow]) -> type[Flow]:
    """Register a flow under its ``kind`` (usable as a class decorator)."""
    _flows[flow.kind] = flow
    return flow


def flow_class(kind: str) -> type[Flow]:
    try:
        return _flows[kind]
    except KeyError:
        raise LookupError(ERROR_UNKNOWN_KIND % kind) from None


def registered_flows() -> dict[str, type[Flow]]:
    return dict(_flows)


def unregister_flow(kind: str) -> None:
    """Take a flow out again (a test that registers a kind of its own)."""
    _flows.pop(kind, None)
