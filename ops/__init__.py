"""Operations: the periodic worker with scheduler leadership, and site backup/restore."""
