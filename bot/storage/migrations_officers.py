"""Migrations 8 to 11 of the versioned schema (bot/storage/migrations.py): the contact
officers' office hours — the desk's changes, substitutes, the officer data in force and the
residents' reminders. Append only; a new migration goes at the end of this tuple."""

OFFICE_HOURS: tuple[str, ...] = (
    # 8: one-off changes of a police contact area's office hours, the comms desk's word: an
    # hour cancelled or an extra one on a local date, with a note and who entered it. No
    # resident's data: kept as the city's record of what it announced.
    """
    CREATE TABLE hour_changes (
        id INTEGER PRIMARY KEY,
        area_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cancelled', 'extra')),
        day TEXT NOT NULL,
        start_time TEXT,
        end_time TEXT,
        place TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        entered_by INTEGER NOT NULL,
        entered_at TEXT NOT NULL
    );
    CREATE INDEX hour_changes_by_area ON hour_changes(area_id, day);
    """,
    # 9: a substitute officer for a period is a change of the office hours too: the kind
    # 'substitute', its last day, the substitute's name and phone. SQLite cannot widen a
    # CHECK, so the table is copied.
    """
    CREATE TABLE hour_changes_new (
        id INTEGER PRIMARY KEY,
        area_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cancelled', 'extra', 'substitute')),
        day TEXT NOT NULL,
        until_day TEXT,
        start_time TEXT,
        end_time TEXT,
        place TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        substitute TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        entered_by INTEGER NOT NULL,
        entered_at TEXT NOT NULL
    );
    INSERT INTO hour_changes_new (id, area_id, kind, day, start_time, end_time, place, note,
        entered_by, entered_at)
        SELECT id, area_id, kind, day, start_time, end_time, place, note, entered_by, entered_at
        FROM hour_changes;
    DROP TABLE hour_changes;
    ALTER TABLE hour_changes_new RENAME TO hour_changes;
    CREATE INDEX hour_changes_by_area ON hour_changes(area_id, day);
    """,
    # 10: the officer data residents were last told of (bot/city_reload.py): the city file's
    # officers as canonical JSON, and every other key of the file the bot runs with, to refuse
    # a reload that would change more than officer data. One row. No resident's data.
    """
    CREATE TABLE IF NOT EXISTS city_snapshot (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        officers TEXT NOT NULL,
        others TEXT NOT NULL,
        confirmed_at TEXT NOT NULL
    );
    """,
    # 11: reminders of office hours (/erinnerung): the switch on the resident's row (/stop
    # deletes it); hour_reminders: each office hour queued as a reminder, once (no chat).
    """
    ALTER TABLE subscribers ADD COLUMN reminders INTEGER NOT NULL DEFAULT 0
        CHECK (reminders IN (0, 1));
    CREATE TABLE hour_reminders (
        area_id TEXT NOT NULL, starts_at TEXT NOT NULL, queued_at TEXT NOT NULL,
        alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
        PRIMARY KEY (area_id, starts_at)
    ) WITHOUT ROWID;
    """,
)
