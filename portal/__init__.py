"""The officials' portal home: a registry of widget types, connectors to back-office systems
(REST/JSON, feeds, CMS queries) with timeouts, circuit breakers and stale-while-revalidate
caching, role and department default layouts merged with each user's own arrangement, the home
page and its JSON API, and demo back-office systems for the embedded default.
"""
