"""The versioned schema: migration N brings the database to PRAGMA user_version N."""

from bot.storage.migrations_officers import OFFICE_HOURS

# Append only. Never edit a migration that has shipped; add a new one after the last (the
# last ones are in migrations_officers.py, which this file outgrew).
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
    # 2: city alerts and their outbox. Every table that names a chat references
    # subscribers(chat_id) ON DELETE CASCADE, so deleting a resident leaves no row about them.
    # Times are UTC ISO-8601 text with microseconds, so they compare as text.
    """
    ALTER TABLE subscribers ADD COLUMN active INTEGER NOT NULL DEFAULT 1
        CHECK (active IN (0, 1));
    ALTER TABLE subscribers ADD COLUMN inactive_reason TEXT;
    ALTER TABLE subscribers ADD COLUMN inactive_since TEXT;

    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'urgent')),
        all_districts INTEGER NOT NULL DEFAULT 0 CHECK (all_districts IN (0, 1)),
        body_de TEXT NOT NULL,
        body_en TEXT NOT NULL,
        withdrawn_de TEXT,
        withdrawn_en TEXT,
        notice_de TEXT,
        notice_en TEXT,
        revision INTEGER NOT NULL DEFAULT 1,
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN
            ('draft', 'awaiting_approval', 'queued', 'sending', 'done', 'cancelled')),
        approvals_required INTEGER NOT NULL DEFAULT 1 CHECK (approvals_required >= 0),
        created_by INTEGER NOT NULL,
        cancelled_by INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        queued_at TEXT,
        finished_at TEXT,
        cancelled_at TEXT
    );
    CREATE INDEX alerts_by_queued_at ON alerts(queued_at);

    CREATE TABLE alert_districts (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        district_id TEXT NOT NULL,
        PRIMARY KEY (alert_id, district_id)
    ) WITHOUT ROWID;
    CREATE INDEX alert_districts_by_district ON alert_districts(district_id, alert_id);

    -- Admins (staff), not residents: one row per approving admin.
    CREATE TABLE alert_approvals (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        admin_id INTEGER NOT NULL,
        approved_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, admin_id)
    ) WITHOUT ROWID;

    -- One row per recipient of an alert. priority: 0 urgent, 1 normal (lower goes first).
    -- revision: the alert text revision the sent copy carries.
    CREATE TABLE deliveries (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE,
        language TEXT NOT NULL CHECK (language IN ('de', 'en')),
        priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
            ('queued', 'sending', 'sent', 'blocked', 'failed', 'withdrawn')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        message_id INTEGER,
        revision INTEGER,
        reason TEXT,
        sent_at TEXT,
        PRIMARY KEY (alert_id, chat_id)
    ) WITHOUT ROWID;
    CREATE INDEX deliveries_due ON deliveries(priority, alert_id, next_attempt_at)
        WHERE state = 'queued';
    CREATE INDEX deliveries_pending_by_alert ON deliveries(alert_id)
        WHERE state IN ('queued', 'sending');
    CREATE INDEX deliveries_by_chat ON deliveries(chat_id);

    -- Work on copies already delivered: 'edit' brings a copy to the alert's current text,
    -- 'withdraw' edits it to the withdrawn text and then sends the short notice.
    CREATE TABLE followups (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'withdraw')),
        revision INTEGER NOT NULL,
        priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
        edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
        notice_message_id INTEGER,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
            ('queued', 'sending', 'done', 'failed', 'gone')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        reason TEXT,
        done_at TEXT,
        PRIMARY KEY (alert_id, chat_id)
    ) WITHOUT ROWID;
    CREATE INDEX followups_due ON followups(priority, alert_id, next_attempt_at)
        WHERE state = 'queued';
    CREATE INDEX followups_by_chat ON followups(chat_id);
    """,
    # 3: what the comms desk typed (text and template variables), so an update can render
    # the alert again in every language.
    """
    ALTER TABLE alerts ADD COLUMN admin_text TEXT NOT NULL DEFAULT '';
    ALTER TABLE alerts ADD COLUMN variables TEXT NOT NULL DEFAULT '{}';
    """,
    # 4: any number of languages. The texts residents get live in alert_texts, one row per
    # (alert, language, role) instead of a column per language, and the language columns
    # lose their ('de', 'en') check (the languages are messages/languages.txt): each is
    # renamed, added again without the check, copied and dropped.
    """
    CREATE TABLE alert_texts (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('body', 'withdrawn', 'notice')),
        html TEXT NOT NULL,
        PRIMARY KEY (alert_id, language, role)
    ) WITHOUT ROWID;
    INSERT INTO alert_texts (alert_id, language, role, html)
        SELECT id, 'de', 'body', body_de FROM alerts
        UNION ALL SELECT id, 'en', 'body', body_en FROM alerts
        UNION ALL SELECT id, 'de', 'withdrawn', withdrawn_de FROM alerts
            WHERE withdrawn_de IS NOT NULL
        UNION ALL SELECT id, 'en', 'withdrawn', withdrawn_en FROM alerts
            WHERE withdrawn_en IS NOT NULL
        UNION ALL SELECT id, 'de', 'notice', notice_de FROM alerts WHERE notice_de IS NOT NULL
        UNION ALL SELECT id, 'en', 'notice', notice_en FROM alerts WHERE notice_en IS NOT NULL;
    ALTER TABLE alerts DROP COLUMN body_de;
    ALTER TABLE alerts DROP COLUMN body_en;
    ALTER TABLE alerts DROP COLUMN withdrawn_de;
    ALTER TABLE alerts DROP COLUMN withdrawn_en;
    ALTER TABLE alerts DROP COLUMN notice_de;
    ALTER TABLE alerts DROP COLUMN notice_en;
    -- The language a resident gets when the alert has no text in theirs (a language added
    -- after the alert was written).
    ALTER TABLE alerts ADD COLUMN default_language TEXT NOT NULL DEFAULT 'de';

    ALTER TABLE subscribers RENAME COLUMN language TO checked_language;
    ALTER TABLE subscribers ADD COLUMN language TEXT NOT NULL DEFAULT '';
    UPDATE subscribers SET language = checked_language;
    ALTER TABLE subscribers DROP COLUMN checked_language;

    ALTER TABLE deliveries RENAME COLUMN language TO checked_language;
    ALTER TABLE deliveries ADD COLUMN language TEXT NOT NULL DEFAULT '';
    UPDATE deliveries SET language = checked_language;
    ALTER TABLE deliveries DROP COLUMN checked_language;
    """,
    # 5: residents' reports, without the chat. A report keeps what was reported, where and when,
    # and three keyed hashes (HMAC with a secret the database never holds) that only allow
    # de-duplication and a rate limit: once_key (chat, subject, day): one report per number
    # and day; day_key (chat, day): at most 20 a day; subject_key (chat, subject): distinct
    # residents per number. After 90 days a report is folded into report_counts and deleted.
    """
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        reported_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        district_id TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        once_key BLOB NOT NULL UNIQUE,
        day_key BLOB NOT NULL,
        subject_key BLOB NOT NULL
    );
    CREATE INDEX reports_by_subject ON reports(subject, reported_at);
    CREATE INDEX reports_by_district_kind ON reports(district_id, kind, reported_at);
    CREATE INDEX reports_by_time ON reports(reported_at);
    CREATE INDEX reports_by_day_key ON reports(day_key);

    CREATE TABLE report_counts (
        day TEXT NOT NULL,
        district_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, district_id, kind, subject)
    ) WITHOUT ROWID;

    -- A wave the comms desk was told about: one per number, or per kind in a district, while
    -- reports keep coming; its message to each admin is edited as the counts grow.
    CREATE TABLE spikes (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('number', 'kind')),
        subject TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT '',
        district_id TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        count INTEGER NOT NULL
    );
    CREATE INDEX spikes_by_subject ON spikes(scope, subject, kind, district_id, updated_at);
    CREATE TABLE spike_messages (
        spike_id INTEGER NOT NULL REFERENCES spikes(id) ON DELETE CASCADE,
        admin_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        PRIMARY KEY (spike_id, admin_id)
    ) WITHOUT ROWID;

    -- After a full disk: a write as large as a real one (bot/storage/database.py writable()).
    CREATE TABLE disk_probe (id INTEGER PRIMARY KEY, filler BLOB NOT NULL);

    -- "Ich hatte auch so einen Anruf": one vote per chat and alert (voter_key is keyed like
    -- the reports' and holds no chat id), counted per district.
    CREATE TABLE alert_votes (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        voter_key BLOB NOT NULL,
        district_id TEXT NOT NULL,
        PRIMARY KEY (alert_id, voter_key)
    ) WITHOUT ROWID;
    """,
    # 6: the distinct residents reporting a number are counted from the index alone; and the
    # admins' status messages of an alert are kept, so residents' "me too" votes still
    # update them after a restart.
    """
    DROP INDEX reports_by_subject;
    CREATE INDEX reports_by_subject ON reports(subject, reported_at, subject_key);

    CREATE TABLE status_messages (
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        admin_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        language TEXT NOT NULL,
        PRIMARY KEY (alert_id, admin_id, message_id)
    ) WITHOUT ROWID;
    """,
    # 7: the comms desk's own translations of its text, a JSON object by language code.
    """
    ALTER TABLE alerts ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    """,
    *OFFICE_HOURS,  # 8 to 11: migrations_officers.py
    # 12: every text revision of an alert (body per language, when it was made): the public
    # site's history of updates and its CAP Update messages. No resident's data.
    """
    CREATE TABLE alert_revisions (alert_id INTEGER NOT NULL REFERENCES alerts(id)
        ON DELETE CASCADE, revision INTEGER NOT NULL, language TEXT NOT NULL,
        html TEXT NOT NULL, made_at TEXT NOT NULL, PRIMARY KEY (alert_id, revision, language));
    INSERT INTO alert_revisions SELECT t.alert_id, a.revision, t.language, t.html,
        a.updated_at FROM alert_texts t JOIN alerts a ON a.id = t.alert_id WHERE t.role = 'body';
    """,
)
