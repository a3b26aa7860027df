"""Start-up checks of the delivery app's settings: a misconfigured purge is reported by
``manage.py check`` (and refuses to start the server) instead of failing silently on publish."""
from django.core import checks


@checks.register(checks.Tags.caches)
def check_front_end_cache(app_configs, **kwargs):
    from cms.delivery.purge import configuration_problems

    return [checks.Error(problem, id="delivery.E001") for problem in configuration_problems()]
