namespace Aithena.Catalog;

/// <summary>
/// The accounts' tables (users with their role, Identity's claims, logins and tokens, and personal API tokens), in the
/// catalog's database so that one backup holds the library and who may use it. The Api reads and writes them through
/// EF Core (its <c>AccountsDbContext</c> model, snake_case); this SQL is what EF Core generates for that model on each
/// engine, applied by the catalog's versioned migrations so that every process migrates one database under one lock.
/// Documents gain who uploaded them (a user's name, or the Lister for files found in the library folder).
/// </summary>
public static class AccountsSchema
{
    public const string SqliteMigration =
        """
        CREATE TABLE "users" (
            "id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
            "role" TEXT NOT NULL,
            "disabled" INTEGER NOT NULL,
            "created_at" TEXT NOT NULL,
            "user_name" TEXT NULL,
            "normalized_user_name" TEXT NULL,
            "email" TEXT NULL,
            "normalized_email" TEXT NULL,
            "email_confirmed" INTEGER NOT NULL,
            "password_hash" TEXT NULL,
            "security_stamp" TEXT NULL,
            "concurrency_stamp" TEXT NULL,
            "phone_number" TEXT NULL,
            "phone_number_confirmed" INTEGER NOT NULL,
            "two_factor_enabled" INTEGER NOT NULL,
            "lockout_end" TEXT NULL,
            "lockout_enabled" INTEGER NOT NULL,
            "access_failed_count" INTEGER NOT NULL
        );
        CREATE TABLE "personal_tokens" (
            "id" TEXT NOT NULL CONSTRAINT "PK_personal_tokens" PRIMARY KEY,
            "user_id" TEXT NOT NULL,
            "name" TEXT NOT NULL,
            "hash" TEXT NOT NULL,
            "created_at" TEXT NOT NULL,
            "expires_at" TEXT NULL,
            CONSTRAINT "FK_personal_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
        );
        CREATE TABLE "user_claims" (
            "id" INTEGER NOT NULL CONSTRAINT "PK_user_claims" PRIMARY KEY AUTOINCREMENT,
            "user_id" TEXT NOT NULL,
            "claim_type" TEXT NULL,
            "claim_value" TEXT NULL,
            CONSTRAINT "FK_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
        );
        CREATE TABLE "user_logins" (
            "login_provider" TEXT NOT NULL,
            "provider_key" TEXT NOT NULL,
            "provider_display_name" TEXT NULL,
            "user_id" TEXT NOT NULL,
            CONSTRAINT "PK_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
            CONSTRAINT "FK_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
        );
        CREATE TABLE "user_tokens" (
            "user_id" TEXT NOT NULL,
            "login_provider" TEXT NOT NULL,
            "name" TEXT NOT NULL,
            "value" TEXT NULL,
            CONSTRAINT "PK_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
            CONSTRAINT "FK_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
        );
        CREATE UNIQUE INDEX "IX_personal_tokens_hash" ON "personal_tokens" ("hash");
        CREATE INDEX "IX_personal_tokens_user_id" ON "personal_tokens" ("user_id");
        CREATE INDEX "IX_user_claims_user_id" ON "user_claims" ("user_id");
        CREATE INDEX "IX_user_logins_user_id" ON "user_logins" ("user_id");
        CREATE INDEX "EmailIndex" ON "users" ("normalized_email");
        CREATE UNIQUE INDEX "UserNameIndex" ON "users" ("normalized_user_name");
        ALTER TABLE documents ADD COLUMN uploaded_by TEXT;
        """;

    public const string PostgresMigration =
        """
        CREATE TABLE users (
            id text NOT NULL,
            role character varying(16) NOT NULL,
            disabled boolean NOT NULL,
            created_at timestamp with time zone NOT NULL,
            user_name character varying(256),
            normalized_user_name character varying(256),
            email character varying(256),
            normalized_email character varying(256),
            email_confirmed boolean NOT NULL,
            password_hash text,
            security_stamp text,
            concurrency_stamp text,
            phone_number text,
            phone_number_confirmed boolean NOT NULL,
            two_factor_enabled boolean NOT NULL,
            lockout_end timestamp with time zone,
            lockout_enabled boolean NOT NULL,
            access_failed_count integer NOT NULL,
            CONSTRAINT "PK_users" PRIMARY KEY (id)
        );
        CREATE TABLE personal_tokens (
            id text NOT NULL,
            user_id text NOT NULL,
            name character varying(100) NOT NULL,
            hash text NOT NULL,
            created_at timestamp with time zone NOT NULL,
            expires_at timestamp with time zone,
            CONSTRAINT "PK_personal_tokens" PRIMARY KEY (id),
            CONSTRAINT "FK_personal_tokens_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        );
        CREATE TABLE user_claims (
            id integer GENERATED BY DEFAULT AS IDENTITY,
            user_id text NOT NULL,
            claim_type text,
            claim_value text,
            CONSTRAINT "PK_user_claims" PRIMARY KEY (id),
            CONSTRAINT "FK_user_claims_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        );
        CREATE TABLE user_logins (
            login_provider text NOT NULL,
            provider_key text NOT NULL,
            provider_display_name text,
            user_id text NOT NULL,
            CONSTRAINT "PK_user_logins" PRIMARY KEY (login_provider, provider_key),
            CONSTRAINT "FK_user_logins_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        );
        CREATE TABLE user_tokens (
            user_id text NOT NULL,
            login_provider text NOT NULL,
            name text NOT NULL,
            value text,
            CONSTRAINT "PK_user_tokens" PRIMARY KEY (user_id, login_provider, name),
            CONSTRAINT "FK_user_tokens_users_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
        );
        CREATE UNIQUE INDEX "IX_personal_tokens_hash" ON personal_tokens (hash);
        CREATE INDEX "IX_personal_tokens_user_id" ON personal_tokens (user_id);
        CREATE INDEX "IX_user_claims_user_id" ON user_claims (user_id);
        CREATE INDEX "IX_user_logins_user_id" ON user_logins (user_id);
        CREATE INDEX "EmailIndex" ON users (normalized_email);
        CREATE UNIQUE INDEX "UserNameIndex" ON users (normalized_user_name);
        ALTER TABLE documents ADD COLUMN uploaded_by text;
        """;
}
