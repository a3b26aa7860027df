"""Demo content of the fictional 明川市, written for this project, in the exchange format."""
