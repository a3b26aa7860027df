"""Unified search: the one search document per item, indexers per source, Elasticsearch index
management (Chinese analysis, aliases, zero-downtime rebuild), the indexing outbox, the query
service (boosts, facets, highlight, suggestions, synonyms, best bets, permissions), the database
fallback, search analytics and /api/search/.
"""
