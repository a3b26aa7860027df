"""Content exchange (shared/contracts §1): JSON Lines records ⇄ pages.

``records`` maps one record to a page and back, ``validation`` checks a whole file,
``importer``/``exporter`` drive them for the management commands."""
