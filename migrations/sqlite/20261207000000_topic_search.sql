-- Topics are searched too: their title, description and framing question (FTS5, accents
-- folded, like proposals and comments; the query's words are stemmed by the application).
CREATE VIRTUAL TABLE topic_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO topic_fts (rowid, title, body)
    SELECT id, title, description || char(10) || question FROM topics;

CREATE TRIGGER topics_search_insert AFTER INSERT ON topics BEGIN
    INSERT INTO topic_fts (rowid, title, body)
        VALUES (new.id, new.title, new.description || char(10) || new.question);
END;
CREATE TRIGGER topics_search_update AFTER UPDATE OF title, description, question ON topics BEGIN
    DELETE FROM topic_fts WHERE rowid = old.id;
    INSERT INTO topic_fts (rowid, title, body)
        VALUES (new.id, new.title, new.description || char(10) || new.question);
END;
CREATE TRIGGER topics_search_delete AFTER DELETE ON topics BEGIN
    DELETE FROM topic_fts WHERE rowid = old.id;
END;
