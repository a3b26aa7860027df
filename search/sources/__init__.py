"""Search sources shipped with the project; each module registers its sources on import
(``SearchConfig.ready`` imports them)."""
