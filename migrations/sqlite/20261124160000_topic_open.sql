-- Moderators and organisers open or close a topic to new proposals (its discussion stays open).
ALTER TABLE topics ADD COLUMN open_for_proposals BOOLEAN NOT NULL DEFAULT TRUE;
