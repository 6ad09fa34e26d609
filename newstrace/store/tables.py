"""The store's first tables, views and search index: the SQL the v1–v4 migrations run.

Kept apart from `schema.py`, which orders the migrations; later tables live beside the
store module that reads them (`outlets.OUTLET_TABLES`, `watch.WATCH_TABLES`, ...).
"""

from __future__ import annotations

ARTICLE_TABLES = """
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    domain TEXT
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    format TEXT NOT NULL,
    url TEXT,
    content BLOB,
    content_hash TEXT NOT NULL UNIQUE,
    encoding TEXT,
    ingested_at TEXT NOT NULL,
    error TEXT
);
CREATE INDEX documents_source ON documents(source, source_id);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    outlet_id INTEGER REFERENCES outlets(id),
    url TEXT,
    title TEXT,
    title_label TEXT,
    byline TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    language TEXT,
    body TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    UNIQUE (article_id, position)
);
CREATE INDEX paragraphs_hash ON paragraphs(text_hash);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    author TEXT,
    text TEXT NOT NULL,
    published TEXT
);
CREATE INDEX comments_article ON comments(article_id);
CREATE TABLE boilerplate (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    evidence TEXT NOT NULL,
    text_hash TEXT
);
CREATE INDEX boilerplate_article ON boilerplate(article_id);
CREATE INDEX boilerplate_hash ON boilerplate(text_hash);
CREATE TABLE attributions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    cue TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT,
    author TEXT,
    text TEXT NOT NULL
);
CREATE INDEX attributions_article ON attributions(article_id);
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER
);
CREATE INDEX media_article ON media(article_id);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX tags_article ON tags(article_id);
CREATE INDEX tags_name_value ON tags(name, value);
CREATE TABLE inferences (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL,
    UNIQUE (article_id, field)
);
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    inputs TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0
);
"""

ARTICLE_VIEWS = """
CREATE VIEW article_overview AS
SELECT a.id, o.name AS outlet, a.title_label, a.title, a.byline, a.published, a.url,
       d.source, d.source_id, d.format, length(a.body) AS body_chars,
       (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) AS paragraphs,
       (SELECT count(*) FROM comments c WHERE c.article_id = a.id) AS comments,
       (SELECT count(*) FROM boilerplate b WHERE b.article_id = a.id) AS boilerplate_blocks,
       (SELECT count(*) FROM attributions t WHERE t.article_id = a.id) AS attributions
FROM articles a JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id;
CREATE VIEW failed_documents AS
SELECT id, source, source_id, format, error, ingested_at FROM documents WHERE error IS NOT NULL;
CREATE VIEW outlet_overview AS
SELECT o.id, o.name, o.domain, count(a.id) AS articles,
       min(a.published) AS first_published, max(a.published) AS last_published
FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id GROUP BY o.id;
"""

# The same shape sqlite-utils' enable_fts(create_triggers=True) makes, so Datasette finds it,
# written out because executescript would commit half-way through a migration.
ARTICLE_SEARCH = """
CREATE VIRTUAL TABLE articles_fts USING FTS5 (title, body, content=[articles], tokenize='porter');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body)
  VALUES('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body)
  VALUES('delete', old.rowid, old.title, old.body);
  INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
"""

REUSE_TABLES = """
CREATE TABLE traced_articles (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    traced_at TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    fingerprint BLOB
);
CREATE TABLE reuse_links (
    id INTEGER PRIMARY KEY,
    a INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    shared_tokens INTEGER NOT NULL,
    coverage_a REAL NOT NULL,
    coverage_b REAL NOT NULL,
    verbatim_ratio REAL NOT NULL,
    same_outlet INTEGER NOT NULL DEFAULT 0,
    UNIQUE (a, b),
    CHECK (a < b)
);
CREATE INDEX reuse_links_b ON reuse_links(b);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    link_id INTEGER NOT NULL REFERENCES reuse_links(id) ON DELETE CASCADE,
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    verbatim REAL NOT NULL
);
CREATE INDEX passages_link ON passages(link_id);
CREATE TABLE families (
    id INTEGER PRIMARY KEY,  -- the smallest article id in the family: stable across re-runs
    origin_article INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    origin_outlet TEXT,
    external INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL
);
CREATE TABLE family_members (
    family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    coverage REAL,
    confidence REAL,
    PRIMARY KEY (family_id, article_id)
);
CREATE INDEX family_members_article ON family_members(article_id);
CREATE TABLE member_evidence (
    id INTEGER PRIMARY KEY,
    family_id INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    weight REAL NOT NULL,
    FOREIGN KEY (family_id, article_id) REFERENCES family_members(family_id, article_id)
        ON DELETE CASCADE
);
CREATE TABLE member_changes (
    id INTEGER PRIMARY KEY,
    family_id INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    before TEXT,
    after TEXT,
    position INTEGER,
    FOREIGN KEY (family_id, article_id) REFERENCES family_members(family_id, article_id)
        ON DELETE CASCADE
);
CREATE TABLE outlet_edges (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    copies INTEGER NOT NULL,
    verbatim_share REAL NOT NULL,
    median_lag_hours REAL,
    attribution_rate REAL NOT NULL,
    PRIMARY KEY (source, target)
);
"""

EVENT_TABLES = """
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    family_id INTEGER,  -- the copy family it was read in (families.id), NULL outside families
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- read from
    event_key TEXT NOT NULL,  -- hash of the event's sentences: the same event in a family copy
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    disorder_type TEXT NOT NULL,
    plover TEXT NOT NULL,
    status TEXT NOT NULL,  -- reported, planned, speculative
    actors TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, mention, inter}]
    recipients TEXT NOT NULL DEFAULT '[]',
    places TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, lat, lon, geonameid, country, geo_precision, ...}]
    date_start TEXT,
    date_end TEXT,
    time_precision INTEGER,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    fatalities_text TEXT,
    equipment TEXT NOT NULL DEFAULT '[]',
    attribution_cue TEXT,
    attribution_source TEXT,
    attribution_class TEXT NOT NULL,
    hedge TEXT,
    sentence TEXT NOT NULL,
    trigger TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    corroborating_families INTEGER NOT NULL DEFAULT 1,  -- independent families reporting it
    extracted_at TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_family_key ON events(family_id, event_key);
CREATE INDEX events_type_dates ON events(event_type, date_start, date_end);
CREATE TABLE event_articles (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_start INTEGER NOT NULL,  -- offsets of the event's sentences in this article's body
    sentence_end INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id)
);
CREATE INDEX event_articles_article ON event_articles(article_id);
CREATE TABLE event_corroborations (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    other_event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    evidence TEXT NOT NULL,
    PRIMARY KEY (event_id, other_event_id),
    CHECK (event_id < other_event_id)
);
CREATE INDEX event_corroborations_other ON event_corroborations(other_event_id);
CREATE TABLE events_processed (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    processed_at TEXT NOT NULL,
    events INTEGER NOT NULL
);
"""

LINK_KIND_TABLES = """
CREATE TABLE link_kinds (
    link_id INTEGER PRIMARY KEY REFERENCES reuse_links(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    reporting_tokens INTEGER NOT NULL,
    quoted_tokens INTEGER NOT NULL,
    boilerplate_tokens INTEGER NOT NULL,
    speaker TEXT,
    evidence TEXT NOT NULL
);
CREATE INDEX link_kinds_kind ON link_kinds(kind);
"""
