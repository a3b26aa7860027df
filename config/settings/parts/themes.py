"""Settings owned by the `themes` app, applied onto the shared settings by ``base.py``."""
from config.env import env_str  # noqa: F401


def apply(settings: dict) -> None:
    """Add or change settings for `themes`; read deployment-specific values from the environment."""
