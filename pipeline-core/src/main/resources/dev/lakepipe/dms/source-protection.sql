-- lakepipe source protection: the two source events that DMS does not carry to the lake (docs/operations.md,
-- "Events that silently diverge the lake"). Run once per source database by a role that may create a schema
-- (the RDS master user), then SELECT lakepipe.protect('<schema>.<table>') for every captured table, as its owner.
-- Idempotent: running it again replaces the functions and keeps the recorded truncations.

CREATE SCHEMA IF NOT EXISTS lakepipe;
GRANT USAGE ON SCHEMA lakepipe TO PUBLIC;

-- One row per TRUNCATE of a protected table, written in the truncating transaction. DMS does not replicate
-- TRUNCATE from PostgreSQL but captures this table like any other (its selection rule is in lakepipe's table
-- mapping), so the apply finds the marker in incremental/<db>/lakepipe/truncations/.
CREATE TABLE IF NOT EXISTS lakepipe.truncations (
    id bigserial PRIMARY KEY,
    table_schema text NOT NULL,
    table_name text NOT NULL,
    truncated_at timestamptz NOT NULL DEFAULT clock_timestamp());
GRANT SELECT ON lakepipe.truncations TO PUBLIC;

-- SECURITY DEFINER: whoever truncates needs no right on lakepipe.truncations.
CREATE OR REPLACE FUNCTION lakepipe.record_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO lakepipe.truncations (table_schema, table_name) VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME);
    RETURN NULL;
END $$;

-- The columns PostgreSQL may store out of line (TOAST) in a table: variable-length, storage not PLAIN, in a
-- table whose row can exceed about 2 kB (the TOAST threshold; char and varchar counted at 4 bytes a
-- character, an unbounded type as unbounded). An UPDATE that leaves such a value unchanged does not carry it
-- in logical replication (test_decoding: unchanged-toast-datum, even with REPLICA IDENTITY FULL), and DMS
-- writes NULL for it. `refresh` is the statement that makes the value a new datum, so the WAL carries it.
CREATE OR REPLACE FUNCTION lakepipe.toastable_columns(target regclass)
RETURNS TABLE (column_name name, refresh text)
LANGUAGE sql STABLE AS $$
    WITH columns AS (
        SELECT a.attnum, a.attname, a.attstorage, t.typlen, t.typname, t.typcategory,
               format_type(a.atttypid, a.atttypmod) AS type_name,
               CASE WHEN t.typlen > 0 THEN t.typlen
                    WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod >= 4 THEN (a.atttypmod - 4) * 4 + 4
                    WHEN t.typname = 'numeric' AND a.atttypmod >= 4 THEN ((a.atttypmod - 4) >> 16) + 8
                    END AS max_bytes
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped)
    SELECT c.attname,
           CASE WHEN c.typcategory = 'S' THEN format('NEW.%I := NEW.%I || %L;', c.attname, c.attname, '')
                WHEN c.typname = 'bytea' THEN format('NEW.%I := NEW.%I || %L::bytea;', c.attname, c.attname, '')
                ELSE format('NEW.%I := NEW.%I::text::%s;', c.attname, c.attname, c.type_name) END
    FROM columns c
    WHERE c.typlen = -1 AND c.attstorage <> 'p'
      AND (SELECT relkind FROM pg_class WHERE oid = target) IN ('r', 'p')
      AND (SELECT bool_or(max_bytes IS NULL) OR sum(max_bytes) > 2000 FROM columns)
    ORDER BY c.attnum
$$;

-- Protects one table: an AFTER TRUNCATE trigger writing the marker and, when the table has toastable columns,
-- a BEFORE UPDATE trigger re-sending them. Run it again after adding a column.
CREATE OR REPLACE FUNCTION lakepipe.protect(target regclass) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    refreshes text;
    columns text;
    function_name text := 'retoast_' || target::oid;
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = target) NOT IN ('r', 'p') THEN
        RETURN format('%s: not a table, nothing to protect', target);
    END IF;
    EXECUTE format('DROP TRIGGER IF EXISTS lakepipe_truncate ON %s', target);
    EXECUTE format('CREATE TRIGGER lakepipe_truncate AFTER TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION lakepipe.record_truncate()', target);
    SELECT string_agg(c.refresh, E'\n    '), string_agg(quote_ident(c.column_name), ', ')
      INTO refreshes, columns FROM lakepipe.toastable_columns(target) c;
    EXECUTE format('DROP TRIGGER IF EXISTS lakepipe_retoast ON %s', target);
    IF refreshes IS NULL THEN
        RETURN format('%s: truncations recorded; no toastable column', target);
    END IF;
    EXECUTE format('CREATE OR REPLACE FUNCTION lakepipe.%I() RETURNS trigger LANGUAGE plpgsql AS %L',
                   function_name, E'BEGIN\n    ' || refreshes || E'\n    RETURN NEW;\nEND');
    EXECUTE format('CREATE TRIGGER lakepipe_retoast BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION lakepipe.%I()',
                   target, function_name);
    RETURN format('%s: truncations recorded; %s sent on every update', target, columns);
END $$;

-- What a table lacks: one line per gap, none when protected.
CREATE OR REPLACE FUNCTION lakepipe.gaps(target regclass) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT 'no enabled AFTER TRUNCATE trigger lakepipe_truncate, so a TRUNCATE would leave the removed rows in the lake'
    WHERE (SELECT relkind FROM pg_class WHERE oid = target) IN ('r', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_trigger
                      WHERE tgrelid = target AND tgname = 'lakepipe_truncate' AND tgenabled <> 'D')
    UNION ALL
    SELECT format('column %I can be stored out of line (TOAST) and no enabled trigger lakepipe_retoast re-sends it,'
                  ' so an update that leaves it unchanged would write NULL for it in the lake', c.column_name)
    FROM lakepipe.toastable_columns(target) c
    WHERE NOT EXISTS (SELECT 1 FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
                      WHERE tg.tgrelid = target AND tg.tgname = 'lakepipe_retoast' AND tg.tgenabled <> 'D'
                        AND strpos(p.prosrc, c.refresh) > 0)
$$;
