"""Signs in N generated citizens of `convention demo --scale` for bench/http.sh's writes: a
session per person, stored as a sign-in stores it (the SHA-256 of a random token), tokens
printed one per line. Argon2 sign-ins of tens of thousands of people would take longer than
the benchmark itself, and the writes are what is measured.
    python3 bench/sessions.py DATABASE_URL N > tokens"""
import base64, hashlib, os, subprocess, sys, time

url, n = sys.argv[1], int(sys.argv[2])
now = int(time.time() * 1000)
pick = "SELECT id FROM users WHERE username LIKE 'habitant%%' ORDER BY id LIMIT %d" % n
tokens, rows = [], []


def add(ids):
    for uid in ids:
        token = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
        tokens.append(token)
        digest = hashlib.sha256(token.encode()).hexdigest()
        rows.append((digest, int(uid), now, now, now + 86_400_000))


if url.startswith("sqlite:"):
    import sqlite3
    db = sqlite3.connect(url.split("://", 1)[1].split("?")[0])
    add(r[0] for r in db.execute(pick))
    db.executemany("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
                   "VALUES (?, ?, ?, ?, ?)", rows)
    db.commit()
else:
    ids = subprocess.run(["psql", url, "-Atc", pick], check=True, capture_output=True, text=True)
    add(ids.stdout.split())
    values = ",".join("('%s', %d, %d, %d, %d)" % r for r in rows)
    subprocess.run(["psql", url, "-q"], input="INSERT INTO sessions (token_hash, user_id, "
                   "created_at, last_seen_at, expires_at) VALUES " + values + ";",
                   text=True, check=True)
print("\n".join(tokens))
