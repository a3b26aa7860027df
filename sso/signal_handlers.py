"""Signal handlers of `sso` (connected in ``SsoConfig.ready``)."""
from __future__ import annotations


def forget_cached_metadata(sender, instance, **kwargs) -> None:
    """An administrator edited an IdP (new metadata URL, rolled certificate): fetch it afresh."""
    from sso import idps, saml

    saml.forget_metadata(idps._from_model(instance))
