"""Real services for the test command, started on loopback and stopped afterwards.

Each module here that defines ``SERVICE`` (an instance of ``base.Service``) is found by the
runner; adding a service means adding a module, not editing a list.
"""
