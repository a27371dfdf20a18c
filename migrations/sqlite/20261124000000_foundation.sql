-- Timestamps are Unix milliseconds (BIGINT) on both backends so that one query text serves both.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL CONSTRAINT users_username_key_unique UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL DEFAULT 'citizen'
                  CHECK (role IN ('citizen', 'member', 'moderator', 'organiser')),
    suspended     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);

-- The cookie holds a random token; only its SHA-256 is stored, so a database leak yields no
-- usable session.
CREATE TABLE sessions (
    token_hash   TEXT   PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE convention (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    name     TEXT NOT NULL,
    question TEXT NOT NULL
);

CREATE TABLE topics (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL CONSTRAINT topics_slug_unique UNIQUE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    position    INTEGER NOT NULL
);
INSERT INTO convention (id, name, question) VALUES (1,
  'Convention citoyenne sur l’intelligence artificielle',
  'Quelle place voulons-nous donner à l’intelligence artificielle dans la vie de Montpellier Méditerranée Métropole, et à quelles conditions ?');

INSERT INTO topics (slug, title, description, position) VALUES
  ('education', 'Éducation', 'L’IA à l’école, au collège, à l’université et dans la formation tout au long de la vie : apprendre avec elle, apprendre à s’en servir, et garder l’esprit critique.', 1),
  ('culture', 'Culture', 'Création, droits des artistes, bibliothèques et musées : ce que l’IA change pour la culture sur le territoire et comment protéger la diversité des œuvres.', 2),
  ('transition-ecologique', 'Transition écologique', 'Coût énergétique des centres de données, usages de l’IA pour l’eau, les mobilités et l’énergie : quels arbitrages pour une métropole sobre ?', 3),
  ('emploi', 'Emploi', 'Métiers transformés ou menacés, nouvelles compétences, dialogue social : accompagner les travailleuses et travailleurs de la Métropole.', 4),
  ('desinformation', 'Lutte contre la désinformation', 'Fausses informations, contenus générés et hypertrucages : comment informer, éduquer aux médias et protéger le débat public local.', 5);
