"""Built-in widget types; importing this package registers them."""
from portal.widgets import builtins  # noqa: F401
