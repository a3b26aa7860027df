"""Settings owned by the `search` app, applied onto the shared settings by ``base.py``."""
from config.env import env_str  # noqa: F401


def apply(settings: dict) -> None:
    """Add or change settings for `search`; read deployment-specific values from the environment."""
