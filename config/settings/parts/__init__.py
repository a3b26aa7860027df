"""One module per app, each with ``apply(settings)``: the app's own settings, kept out of base.py."""
