-- Full-text search over proposals and comments (FTS5, diacritics removed: "ecole" finds
-- "école"). One index for both kinds: rowid 2 × id for a proposal, 2 × id + 1 for a comment.
-- Triggers keep it in step with every write; visibility is checked when searching.
CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO search_fts (rowid, title, body)
    SELECT id * 2, title, summary || char(10) || body FROM proposals;
INSERT INTO search_fts (rowid, title, body)
    SELECT id * 2 + 1, '', body FROM comments;

CREATE TRIGGER proposals_search_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO search_fts (rowid, title, body)
        VALUES (new.id * 2, new.title, new.summary || char(10) || new.body);
END;
CREATE TRIGGER proposals_search_update AFTER UPDATE OF title, summary, body ON proposals BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 2;
    INSERT INTO search_fts (rowid, title, body)
        VALUES (new.id * 2, new.title, new.summary || char(10) || new.body);
END;
CREATE TRIGGER proposals_search_delete AFTER DELETE ON proposals BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 2;
END;

CREATE TRIGGER comments_search_insert AFTER INSERT ON comments BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id * 2 + 1, '', new.body);
END;
CREATE TRIGGER comments_search_update AFTER UPDATE OF body ON comments BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 2 + 1;
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id * 2 + 1, '', new.body);
END;
CREATE TRIGGER comments_search_delete AFTER DELETE ON comments BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 2 + 1;
END;
