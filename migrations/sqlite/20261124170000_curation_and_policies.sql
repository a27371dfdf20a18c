-- Topic curation (a framing question, pinning, archiving, a moderation policy per topic), the
-- moderation settings organisers tune, "contested" labels, and suspensions for a period.

ALTER TABLE topics ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE topics ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE topics ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
-- TRUE: new proposals and comments wait for a moderator (pre-moderation).
ALTER TABLE topics ADD COLUMN premoderated BOOLEAN NOT NULL DEFAULT FALSE;

-- On the convention's one row. young_account_hours = 0 turns the young-account rule off.
ALTER TABLE convention ADD COLUMN report_threshold BIGINT NOT NULL DEFAULT 3
    CHECK (report_threshold BETWEEN 1 AND 100);
ALTER TABLE convention ADD COLUMN young_account_hours BIGINT NOT NULL DEFAULT 0
    CHECK (young_account_hours BETWEEN 0 AND 8760);

-- A moderator's note and source links shown beside a contested claim; NULL: not contested.
ALTER TABLE proposals ADD COLUMN contested_note TEXT;
ALTER TABLE proposals ADD COLUMN contested_sources TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN contested_note TEXT;
ALTER TABLE comments ADD COLUMN contested_sources TEXT NOT NULL DEFAULT '';

-- With suspended = TRUE: the suspension ends at this time (Unix ms); NULL is a ban.
ALTER TABLE users ADD COLUMN suspended_until BIGINT;

-- The framing questions of the five founding topics.
UPDATE topics SET question = 'Comment l’IA peut-elle aider à apprendre sans affaiblir l’esprit critique ?' WHERE slug = 'education' AND question = '';
UPDATE topics SET question = 'Que faut-il protéger de la création humaine face aux contenus générés ?' WHERE slug = 'culture' AND question = '';
UPDATE topics SET question = 'Quels usages de l’IA valent leur coût énergétique pour la Métropole ?' WHERE slug = 'transition-ecologique' AND question = '';
UPDATE topics SET question = 'Comment accompagner les métiers que l’IA transforme sur le territoire ?' WHERE slug = 'emploi' AND question = '';
UPDATE topics SET question = 'Comment protéger le débat public local des contenus trompeurs ?' WHERE slug = 'desinformation' AND question = '';
