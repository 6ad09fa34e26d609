"""The only code that knows SQL: schema, migrations, and reading and writing the data model."""

from newstrace.store.connection import connect, transaction
from newstrace.store.reader import iter_articles, load_article
from newstrace.store.writer import write_article, write_document, write_failure

__all__ = [
    "connect",
    "iter_articles",
    "load_article",
    "transaction",
    "write_article",
    "write_document",
    "write_failure",
]
