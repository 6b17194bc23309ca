"""Security events are append-only in the database (see accounts/append_only.py)."""

from django.db import migrations

TABLE = "accounts_securityevent"

POSTGRES = f"""
CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
DECLARE
    purge_before timestamptz;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF current_setting('tiendo.security_event_flush', true) = 'on' THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'security events are append-only';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- Deleting a user keeps their events: user_id becomes NULL, nothing else may change.
        IF NEW.user_id IS NULL AND OLD.user_id IS NOT NULL
           AND (NEW.id, NEW.created_at, NEW.kind, NEW.username, NEW.ip, NEW.path, NEW.detail)
               IS NOT DISTINCT FROM (OLD.id, OLD.created_at, OLD.kind, OLD.username, OLD.ip, OLD.path, OLD.detail)
        THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'security events are append-only';
    END IF;
    purge_before := NULLIF(current_setting('tiendo.security_event_purge_before', true), '')::timestamptz;
    IF purge_before IS NOT NULL AND OLD.created_at < purge_before THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'security events are deleted only by the retention purge';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only();
CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_append_only();
"""
POSTGRES_REVERSE = f"""
DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};
DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};
DROP FUNCTION IF EXISTS {TABLE}_append_only();
"""

SQLITE = [
    f"""
CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
WHEN NOT (NEW.user_id IS NULL AND OLD.user_id IS NOT NULL
          AND NEW.id IS OLD.id AND NEW.created_at IS OLD.created_at AND NEW.kind IS OLD.kind
          AND NEW.username IS OLD.username AND NEW.ip IS OLD.ip AND NEW.path IS OLD.path
          AND NEW.detail IS OLD.detail)
BEGIN
    SELECT RAISE(ABORT, 'security events are append-only');
END;
""",
    f"""
CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
WHEN NOT tiendo_security_event_deletable(OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'security events are deleted only by the retention purge');
END;
""",
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update;", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete;"]


class VendorRunSQL(migrations.RunSQL):
    """RunSQL for one database vendor only (the triggers are written per vendor)."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_token_events")]

    operations = [
        VendorRunSQL("postgresql", [POSTGRES], [POSTGRES_REVERSE], elidable=False),
        VendorRunSQL("sqlite", SQLITE, SQLITE_REVERSE, elidable=False),
    ]
