namespace PrivacyDesk.Data.Migrations.Postgres;

/// <summary>
/// What PostgreSQL needs beyond the EF model, added by the Initial migration: the search index and the
/// append-only audit log. The same behaviour as SQLite's FTS5 tables and triggers, written for this server.
/// Names are schema-qualified inside function bodies: pg_restore runs them with an empty search_path.
/// </summary>
internal static class PostgresSql
{
    /// <summary>
    /// Search: SearchText (already folded by the app) is folded again by the server (unaccent, lower case) and cut
    /// into words at every character that is not a letter or digit, as SQLite's unicode61 tokenizer does, so that
    /// "pd-2026-000121" and "x@example.com" split the same way on both. A generated tsvector column with a GIN index
    /// holds the words; "RequestSearch"(q) and "CustomerSearch"(q) take the app's FTS5-style query
    /// ("helene"* "trembl"*) and return the matching ids as "rowid", like SQLite's table-valued functions, so that
    /// the services' LINQ is the same on both providers. They are plain SQL functions, which PostgreSQL inlines
    /// into the calling query (the GIN index is then used inside the caller's plan).
    /// </summary>
    public static readonly string[] SearchUp =
    [
        "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;",
        """
        CREATE FUNCTION public.pd_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
          SELECT pg_catalog.regexp_replace(pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^[:alnum:]]+', ' ', 'g')
        $$;
        """,
        """
        CREATE FUNCTION public.pd_prefix_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
          SELECT pg_catalog.to_tsquery('pg_catalog.simple'::regconfig,
            pg_catalog.replace(pg_catalog.regexp_replace(pg_catalog.btrim($1), '"([[:alnum:]]+)"\*', '\1:*', 'g'), ' ', ' & '))
        $$;
        """,
        """ALTER TABLE "Requests" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('pg_catalog.simple'::regconfig, public.pd_fold(coalesce("SearchText", '')))) STORED;""",
        """CREATE INDEX "IX_Requests_SearchVector" ON "Requests" USING gin ("SearchVector");""",
        """ALTER TABLE "Customers" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('pg_catalog.simple'::regconfig, public.pd_fold(coalesce("SearchText", '')))) STORED;""",
        """CREATE INDEX "IX_Customers_SearchVector" ON "Customers" USING gin ("SearchVector");""",
        """
        CREATE FUNCTION public."RequestSearch"(q text) RETURNS TABLE(rowid integer) LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT r."Id" FROM public."Requests" r WHERE r."SearchVector" @@ public.pd_prefix_query(q)
        $$;
        """,
        """
        CREATE FUNCTION public."CustomerSearch"(q text) RETURNS TABLE(rowid integer) LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT c."Id" FROM public."Customers" c WHERE c."SearchVector" @@ public.pd_prefix_query(q)
        $$;
        """,
    ];

    public static readonly string[] SearchDown =
    [
        """DROP FUNCTION IF EXISTS public."CustomerSearch"(text);""",
        """DROP FUNCTION IF EXISTS public."RequestSearch"(text);""",
        """ALTER TABLE "Customers" DROP COLUMN IF EXISTS "SearchVector";""",
        """ALTER TABLE "Requests" DROP COLUMN IF EXISTS "SearchVector";""",
        "DROP FUNCTION IF EXISTS public.pd_prefix_query(text);",
        "DROP FUNCTION IF EXISTS public.pd_fold(text);",
    ];

    /// <summary>
    /// The audit log refuses UPDATE, DELETE and TRUNCATE, whoever asks (the app, psql, another program). An
    /// owner can still drop the triggers: that is what verify-audit's hash chain is for.
    /// </summary>
    public static readonly string[] AuditUp =
    [
        """
        CREATE FUNCTION public.pd_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        """,
        """CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION public.pd_audit_append_only();""",
        """CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION public.pd_audit_append_only();""",
        """CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries" FOR EACH STATEMENT EXECUTE FUNCTION public.pd_audit_append_only();""",
    ];

    public static readonly string[] AuditDown =
    [
        """DROP TRIGGER IF EXISTS "AuditEntries_NoTruncate" ON "AuditEntries";""",
        """DROP TRIGGER IF EXISTS "AuditEntries_NoDelete" ON "AuditEntries";""",
        """DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate" ON "AuditEntries";""",
        "DROP FUNCTION IF EXISTS public.pd_audit_append_only();",
    ];
}
