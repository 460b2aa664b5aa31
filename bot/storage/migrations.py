"""The versioned schema: migration N brings the database to PRAGMA user_version N."""

# Append only. Never edit a migration that has shipped; add a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: residents and their districts. Only what the bot needs: chat id, language,
    # chosen districts and when the chat first subscribed.
    """
    CREATE TABLE subscribers (
        chat_id INTEGER PRIMARY KEY,
        language TEXT NOT NULL CHECK (language IN ('de', 'en')),
        all_districts INTEGER NOT NULL DEFAULT 0 CHECK (all_districts IN (0, 1)),
        subscribed_at TEXT NOT NULL
    );
    CREATE TABLE subscriptions (
        chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE,
        district_id TEXT NOT NULL,
        PRIMARY KEY (chat_id, district_id)
    ) WITHOUT ROWID;
    CREATE INDEX subscriptions_by_district ON subscriptions(district_id, chat_id);
    """,
)
