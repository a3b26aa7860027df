"""Full-text matching and ranking inside the database, one class per database vendor (a registry:
another vendor is one more class). Both take the same expression tree built from query words:
``[[word, word], [word]]`` = (all words of the first alternative) OR (all of the second); each
word is the phrase of its bigram tokens (search/grams.py).

* SQLite: an FTS5 table with external content (``search_searchentry``), kept in step by triggers
  and ranked by ``bm25`` with the title weighted over the body.
* PostgreSQL: a stored, generated ``tsvector`` column (title weight A, body B) with a GIN index,
  matched by ``to_tsquery`` (``<->`` for adjacent tokens) and ranked by ``ts_rank``.

Each returns a FROM clause of the matching entries and their rank (``m.rank``); ``search.backends.database``
adds the filters, the business rules (repealed policies lower, title matches higher), ordering,
paging and facets, also in SQL.

A common word matches thousands of entries. bm25 is cheap in FTS5, so SQLite ranks them all.
PostgreSQL's ``ts_rank`` reads each match's vector (TOASTed: ~1.6 kB per entry), so there the
match yields a constant rank, the business rules order the matches, and only the best
``RANK_WINDOW`` of them are ranked by ``ts_rank`` (``rerank``); with fewer matches than that the
order is the same as ranking them all. PostgreSQL's planner does not count the cost of reading
those vectors either and scans the whole table for a common word (50 ms at 10,000 rows) where the
GIN index answers in 7 ms: ``index_only_match`` tells it to use the index for this one query."""
from __future__ import annotations

import contextlib

from search.grams import grams, term_tokens

TITLE_WEIGHT = 8.0
RANK_WINDOW = 300  # PostgreSQL: matches ranked by ts_rank, after the business rules chose them
TABLE = "search_searchentry"


class SqliteFullText:
    vendor = "sqlite"
    fts = "search_fts"
    # read the matched rows' filter, rank and facet columns from the covering index (see create)
    joined_table = f"{TABLE} INDEXED BY search_entry_match_columns"
    _checked: set[str] = set()

    def create(self, connection) -> None:
        backfill(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.fts} USING fts5(title_grams, body_grams, "
                           f"content='{TABLE}', content_rowid='id', tokenize='ascii', detail='full')")
            self._triggers(cursor)
            cursor.execute(f"INSERT INTO {self.fts}({self.fts}) VALUES ('rebuild')")
            # SQLite stores a row's columns in one record: reading the filter and facet columns,
            # which come after the long ``text``, walks its overflow pages. This covering index
            # answers them (for the matched ids) without touching the rows.
            cursor.execute(f"CREATE INDEX IF NOT EXISTS search_entry_match_columns ON {TABLE} "
                           "(id, type, department, year, topics, published_at, expires_at, validity, "
                           "access_tokens, title)")

    def _triggers(self, cursor) -> None:
        columns, new, old = "title_grams, body_grams", "new.title_grams, new.body_grams", "old.title_grams, old.body_grams"
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {self.fts}_ai AFTER INSERT ON {TABLE} BEGIN "
                       f"INSERT INTO {self.fts}(rowid, {columns}) VALUES (new.id, {new}); END")
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {self.fts}_ad AFTER DELETE ON {TABLE} BEGIN "
                       f"INSERT INTO {self.fts}({self.fts}, rowid, {columns}) VALUES ('delete', old.id, {old}); END")
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {self.fts}_au AFTER UPDATE ON {TABLE} BEGIN "
                       f"INSERT INTO {self.fts}({self.fts}, rowid, {columns}) VALUES ('delete', old.id, {old}); "
                       f"INSERT INTO {self.fts}(rowid, {columns}) VALUES (new.id, {new}); END")

    def drop(self, connection) -> None:
        with connection.cursor() as cursor:
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {self.fts}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {self.fts}")
            cursor.execute("DROP INDEX IF EXISTS search_entry_match_columns")

    def ensure(self, connection) -> None:
        """Django rebuilds a SQLite table to alter it, which drops its triggers and our index: put
        them back (and re-read the content) once per database and process."""
        name = str(connection.settings_dict.get("NAME"))
        if name in self._checked:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE %s OR name = %s",
                           [f"{self.fts}_a%", "search_entry_match_columns"])
            if cursor.fetchone()[0] < 4:
                self.create(connection)
        self._checked.add(name)

    @staticmethod
    def expression(alternatives: list[list[str]]) -> str:
        def word(term: str) -> str:
            found, lone = term_tokens(term)
            if lone:
                return f'({found[0]} OR z{found[0][1:]}*)'
            return '"' + " ".join(found) + '"'
        groups = [" AND ".join(word(t) for t in terms if grams(t)) for terms in alternatives]
        return " OR ".join(f"({g})" for g in groups if g)

    def matches(self, alternatives: list[list[str]]) -> tuple[str, list]:
        """A FROM clause: the matching entries (``TABLE``) with their rank (``m.rank``)."""
        return (f"(SELECT rowid AS id, -bm25({self.fts}, {TITLE_WEIGHT}, 1.0) AS rank FROM {self.fts} "
                f"WHERE {self.fts} MATCH %s) m JOIN {self.joined_table} ON {TABLE}.id = m.id",
                [self.expression(alternatives)])

    def rerank(self, alternatives: list[list[str]]) -> tuple[str, list] | None:
        return None  # bm25 above is already the full rank

    @contextlib.contextmanager
    def index_only_match(self, cursor):
        yield

    @staticmethod
    def topics_text(column: str) -> str:
        return column

    @staticmethod
    def topic_filter() -> str:
        return f"{TABLE}.topics LIKE %s"

    @staticmethod
    def topic_param(topic: str) -> str:
        import json

        return "%" + json.dumps(topic) + "%"


class PostgresFullText:
    vendor = "postgresql"
    column = "search_vector"

    def create(self, connection) -> None:
        backfill(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {self.column} tsvector GENERATED ALWAYS AS ("
                "setweight(to_tsvector('simple', coalesce(title_grams, '')), 'A') || "
                "setweight(to_tsvector('simple', coalesce(body_grams, '')), 'B')) STORED")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS search_entry_vector ON {TABLE} USING GIN ({self.column})")

    def drop(self, connection) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_entry_vector")
            cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {self.column}")

    def ensure(self, connection) -> None:
        pass  # a generated column follows every write, whoever writes

    @staticmethod
    def expression(alternatives: list[list[str]]) -> str:
        def word(term: str) -> str:
            found, lone = term_tokens(term)
            if lone:
                return f"({found[0]} | z{found[0][1:]}:*)"
            return "(" + " <-> ".join(found) + ")"
        groups = [" & ".join(word(t) for t in terms if grams(t)) for terms in alternatives]
        return " | ".join(f"({g})" for g in groups if g)

    def matches(self, alternatives: list[list[str]]) -> tuple[str, list]:
        """A FROM clause: the matching entries (``TABLE``, one scan of its GIN index, no self-join)
        with a constant rank (``m.rank``; ``rerank`` ranks the window)."""
        return (f"{TABLE} JOIN (SELECT 1.0 AS rank, to_tsquery('simple', %s) AS q) m ON {TABLE}.{self.column} @@ m.q",
                [self.expression(alternatives)])

    def rerank(self, alternatives: list[list[str]]) -> tuple[str, list] | None:
        """The rank of one entry of the window (title weight A, body B), joined as ``TABLE``."""
        return (f"ts_rank('{{0.05, 0.1, 0.125, 1.0}}', {TABLE}.{self.column}, to_tsquery('simple', %s)) * 10",
                [self.expression(alternatives)])

    @contextlib.contextmanager
    def index_only_match(self, cursor):
        """No sequential scan in this query (see the module docstring); put the setting back after,
        also inside a longer transaction."""
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        previous = cursor.fetchone()[0]
        try:
            yield
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])

    @staticmethod
    def topics_text(column: str) -> str:
        return f"{column}::text"

    @staticmethod
    def topic_filter() -> str:
        return f"{TABLE}.topics @> %s::jsonb"

    @staticmethod
    def topic_param(topic: str) -> str:
        import json

        return json.dumps([topic])


BACKENDS = {backend.vendor: backend for backend in (SqliteFullText(), PostgresFullText())}


def backend_for(connection):
    return BACKENDS.get(connection.vendor)


def backfill(connection, batch: int = 500) -> None:
    """Fill the gram columns of rows written before they existed."""
    from search.grams import MAX_BODY_CHARS

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title, summary, department, topics, text FROM {TABLE} WHERE title_grams = ''")
        rows = cursor.fetchall()
        for start in range(0, len(rows), batch):
            updates = []
            for id_, title, summary, department, topics, text in rows[start:start + batch]:
                import json

                topic_list = json.loads(topics) if isinstance(topics, str) else topics
                topic_text = " ".join(topic_list or [])
                body = " ".join([summary or "", department or "", topic_text or "", text or ""])
                updates.append([grams(title), grams(body, MAX_BODY_CHARS), id_])
            cursor.executemany(f"UPDATE {TABLE} SET title_grams = %s, body_grams = %s WHERE id = %s", updates)
