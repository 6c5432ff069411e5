-- CreateEnum
CREATE TYPE "ProjectStage" AS ENUM ('forming', 'active', 'stalled', 'delivered', 'published');

-- CreateEnum
CREATE TYPE "TeamRole" AS ENUM ('lead', 'member');

-- CreateEnum
CREATE TYPE "RepositorySyncStatus" AS ENUM ('pending', 'ok', 'failed');

-- CreateEnum
CREATE TYPE "OutcomeState" AS ENUM ('draft', 'submitted', 'changes_requested', 'signed_off', 'published');

-- CreateEnum
CREATE TYPE "OutcomeLicence" AS ENUM ('ogl_3', 'cc_by_4', 'cc_by_sa_4', 'cc0_1', 'mit', 'apache_2', 'bsd_3', 'gpl_3', 'agpl_3', 'mpl_2');

-- CreateEnum
CREATE TYPE "ImpactCheckState" AS ENUM ('scheduled', 'asked', 'answered', 'not_answered');

-- CreateEnum
CREATE TYPE "ImpactInUse" AS ENUM ('yes', 'partly', 'no');

-- AlterTable
ALTER TABLE "team_members" ADD COLUMN     "project_id" TEXT,
ADD COLUMN     "team_role" "TeamRole" NOT NULL DEFAULT 'member',
ADD COLUMN     "terms_accepted_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "projects" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "stage" "ProjectStage" NOT NULL DEFAULT 'forming',
    "stage_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_activity_at" TIMESTAMP(3),
    "stalled_notified_at" TIMESTAMP(3),
    "delivery_requested_at" TIMESTAMP(3),
    "delivery_requested_by_id" TEXT,
    "delivery_agreed_at" TIMESTAMP(3),
    "delivery_agreed_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_invitations" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "invited_by_id" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "accepted_at" TIMESTAMP(3),
    "declined_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_updates" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "author_id" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "project_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_events" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "actor_login" TEXT,
    "actor_id" TEXT,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "details" JSONB,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repositories" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "github_id" BIGINT,
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "full_name_key" TEXT NOT NULL,
    "html_url" TEXT NOT NULL,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "gone_at" TIMESTAMP(3),
    "description" TEXT NOT NULL DEFAULT '',
    "homepage" TEXT,
    "topics" TEXT[],
    "licence_spdx" TEXT,
    "licence_name" TEXT,
    "default_branch" TEXT,
    "readme_html" TEXT,
    "readme_has_reuse" BOOLEAN NOT NULL DEFAULT false,
    "last_commit_sha" TEXT,
    "last_commit_at" TIMESTAMP(3),
    "last_commit_message" TEXT,
    "pushed_at" TIMESTAMP(3),
    "commit_weeks" JSONB,
    "contributors" JSONB,
    "contributor_count" INTEGER NOT NULL DEFAULT 0,
    "open_issues" INTEGER NOT NULL DEFAULT 0,
    "open_pull_requests" INTEGER NOT NULL DEFAULT 0,
    "latest_release_tag" TEXT,
    "latest_release_name" TEXT,
    "latest_release_at" TIMESTAMP(3),
    "latest_release_url" TEXT,
    "installation_id" BIGINT,
    "linked_by_id" TEXT,
    "linked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sync_status" "RepositorySyncStatus" NOT NULL DEFAULT 'pending',
    "last_synced_at" TIMESTAMP(3),
    "last_sync_attempt_at" TIMESTAMP(3),
    "next_sync_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sync_error" TEXT,
    "sync_failures" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "repositories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repository_conditionals" (
    "repository_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "etag" TEXT,
    "last_modified" TEXT,
    "checked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repository_conditionals_pkey" PRIMARY KEY ("repository_id","endpoint")
);

-- CreateTable
CREATE TABLE "github_rate_limits" (
    "resource" TEXT NOT NULL,
    "limit" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "reset_at" TIMESTAMP(3) NOT NULL,
    "paused_until" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "github_rate_limits_pkey" PRIMARY KEY ("resource")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "github_repo_id" BIGINT,
    "repo_full_name" TEXT,
    "installation_id" BIGINT,
    "payload" JSONB,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),
    "result" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outcomes" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "state" "OutcomeState" NOT NULL DEFAULT 'draft',
    "title" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "what_was_built" TEXT NOT NULL DEFAULT '',
    "results" TEXT NOT NULL DEFAULT '',
    "how_to_reuse" TEXT NOT NULL DEFAULT '',
    "licence" "OutcomeLicence",
    "repo_ref" TEXT,
    "repo_url" TEXT,
    "demo_url" TEXT,
    "report_url" TEXT,
    "review_comment" TEXT,
    "submitted_at" TIMESTAMP(3),
    "signed_off_at" TIMESTAMP(3),
    "signed_off_by_id" TEXT,
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outcome_datasets" (
    "id" TEXT NOT NULL,
    "outcome_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "format" TEXT NOT NULL DEFAULT '',
    "licence" "DatasetLicence" NOT NULL,
    "sensitivity" "DataSensitivity" NOT NULL,
    "personal_data" BOOLEAN NOT NULL,
    "dpia" "DpiaStatus" NOT NULL,
    "access_route" "AccessRoute" NOT NULL,
    "retention_date" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outcome_datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outcome_contributors" (
    "outcome_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "team_role" "TeamRole" NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "outcome_contributors_pkey" PRIMARY KEY ("outcome_id","user_id")
);

-- CreateTable
CREATE TABLE "impact_checks" (
    "id" TEXT NOT NULL,
    "outcome_id" TEXT NOT NULL,
    "months_after" INTEGER NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "state" "ImpactCheckState" NOT NULL DEFAULT 'scheduled',
    "asked_at" TIMESTAMP(3),
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "last_reminded_at" TIMESTAMP(3),
    "in_use" "ImpactInUse",
    "what_changed" TEXT,
    "answered_by_id" TEXT,
    "answered_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "impact_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "projects_slug_key" ON "projects"("slug");

-- CreateIndex
CREATE INDEX "projects_challenge_id_idx" ON "projects"("challenge_id");

-- CreateIndex
CREATE INDEX "projects_stage_idx" ON "projects"("stage");

-- CreateIndex
CREATE INDEX "project_invitations_project_id_idx" ON "project_invitations"("project_id");

-- CreateIndex
CREATE INDEX "project_invitations_user_id_idx" ON "project_invitations"("user_id");

-- CreateIndex
CREATE INDEX "project_updates_project_id_created_at_idx" ON "project_updates"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "project_events_project_id_occurred_at_idx" ON "project_events"("project_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "project_events_project_id_dedupe_key_key" ON "project_events"("project_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "repositories_project_id_key" ON "repositories"("project_id");

-- CreateIndex
CREATE INDEX "repositories_full_name_key_idx" ON "repositories"("full_name_key");

-- CreateIndex
CREATE INDEX "repositories_github_id_idx" ON "repositories"("github_id");

-- CreateIndex
CREATE INDEX "repositories_next_sync_at_idx" ON "repositories"("next_sync_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries"("received_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_processed_at_idx" ON "webhook_deliveries"("processed_at");

-- CreateIndex
CREATE UNIQUE INDEX "outcomes_slug_key" ON "outcomes"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "outcomes_project_id_key" ON "outcomes"("project_id");

-- CreateIndex
CREATE INDEX "outcomes_state_idx" ON "outcomes"("state");

-- CreateIndex
CREATE INDEX "outcomes_published_at_idx" ON "outcomes"("published_at");

-- CreateIndex
CREATE INDEX "outcome_datasets_outcome_id_idx" ON "outcome_datasets"("outcome_id");

-- CreateIndex
CREATE INDEX "outcome_contributors_user_id_idx" ON "outcome_contributors"("user_id");

-- CreateIndex
CREATE INDEX "impact_checks_state_due_at_idx" ON "impact_checks"("state", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "impact_checks_outcome_id_months_after_key" ON "impact_checks"("outcome_id", "months_after");

-- CreateIndex
CREATE INDEX "team_members_project_id_idx" ON "team_members"("project_id");

-- AddForeignKey
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_linked_by_id_fkey" FOREIGN KEY ("linked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repository_conditionals" ADD CONSTRAINT "repository_conditionals_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_signed_off_by_id_fkey" FOREIGN KEY ("signed_off_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcome_datasets" ADD CONSTRAINT "outcome_datasets_outcome_id_fkey" FOREIGN KEY ("outcome_id") REFERENCES "outcomes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcome_contributors" ADD CONSTRAINT "outcome_contributors_outcome_id_fkey" FOREIGN KEY ("outcome_id") REFERENCES "outcomes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcome_contributors" ADD CONSTRAINT "outcome_contributors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "impact_checks" ADD CONSTRAINT "impact_checks_outcome_id_fkey" FOREIGN KEY ("outcome_id") REFERENCES "outcomes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "impact_checks" ADD CONSTRAINT "impact_checks_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Teams accepted before projects existed get their project: one per challenge with a team,
-- named and addressed like the challenge; the earliest current member leads it.
INSERT INTO "projects" ("id", "slug", "challenge_id", "title", "stage", "stage_changed_at", "created_at", "updated_at")
SELECT 'p' || md5(c."id"), c."slug", c."id", c."title", 'forming', now(), now(), now()
FROM "challenges" c
WHERE EXISTS (SELECT 1 FROM "team_members" t WHERE t."challenge_id" = c."id");

UPDATE "team_members" t SET "project_id" = p."id" FROM "projects" p WHERE p."challenge_id" = t."challenge_id";

UPDATE "team_members" SET "team_role" = 'lead'
WHERE "id" IN (
  SELECT DISTINCT ON ("challenge_id") "id" FROM "team_members"
  WHERE "left_at" IS NULL ORDER BY "challenge_id", "created_at"
);
