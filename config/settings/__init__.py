"""Settings modules: ``base`` (shared, read from the environment), ``dev`` (embedded default),
``test`` (the test command) and ``production`` (refuses unsafe configuration).

Each app's own settings live in ``parts/<app>.py`` as an ``apply(settings)`` function, so that an
app can add middleware, backends or defaults without editing a shared file.
"""
