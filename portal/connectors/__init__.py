"""Built-in connectors; importing this package registers them."""
from portal.connectors import cms, feed, rest  # noqa: F401

from portal.connectors.base import BackendError  # noqa: E402,F401
