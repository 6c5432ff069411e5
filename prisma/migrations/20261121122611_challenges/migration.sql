-- CreateEnum
CREATE TYPE "ChallengeStatus" AS ENUM ('draft', 'submitted', 'changes_requested', 'open', 'in_progress', 'delivered', 'outcome_published', 'closed', 'withdrawn');

-- CreateEnum
CREATE TYPE "SkillImportance" AS ENUM ('essential', 'helpful');

-- CreateEnum
CREATE TYPE "DatasetLicence" AS ENUM ('ogl', 'cc_by', 'other', 'not_licensed');

-- CreateEnum
CREATE TYPE "DataSensitivity" AS ENUM ('open', 'official', 'official_sensitive');

-- CreateEnum
CREATE TYPE "DpiaStatus" AS ENUM ('yes', 'no', 'not_needed');

-- CreateEnum
CREATE TYPE "AccessRoute" AS ENUM ('open_download', 'on_request_dsa', 'secure_environment', 'synthetic_sample');

-- CreateTable
CREATE TABLE "themes" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "themes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "challenges" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "created_by_id" TEXT,
    "status" "ChallengeStatus" NOT NULL DEFAULT 'draft',
    "title" TEXT NOT NULL DEFAULT '',
    "problem" TEXT NOT NULL DEFAULT '',
    "who_is_affected" TEXT NOT NULL DEFAULT '',
    "why_it_matters" TEXT NOT NULL DEFAULT '',
    "outcome_wanted" TEXT NOT NULL DEFAULT '',
    "success_measures" TEXT NOT NULL DEFAULT '',
    "area" TEXT NOT NULL DEFAULT '',
    "team_size_min" INTEGER,
    "team_size_max" INTEGER,
    "time_commitment" TEXT NOT NULL DEFAULT '',
    "deadline" DATE,
    "contact_name" TEXT NOT NULL DEFAULT '',
    "contact_email" TEXT NOT NULL DEFAULT '',
    "wizard_step" INTEGER NOT NULL DEFAULT 0,
    "review_comment" TEXT,
    "submitted_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "challenges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "challenge_themes" (
    "challenge_id" TEXT NOT NULL,
    "theme_id" TEXT NOT NULL,

    CONSTRAINT "challenge_themes_pkey" PRIMARY KEY ("challenge_id","theme_id")
);

-- CreateTable
CREATE TABLE "challenge_skills" (
    "challenge_id" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    "importance" "SkillImportance" NOT NULL,

    CONSTRAINT "challenge_skills_pkey" PRIMARY KEY ("challenge_id","skill_id")
);

-- CreateTable
CREATE TABLE "datasets" (
    "id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
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

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "challenge_events" (
    "id" BIGSERIAL NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "actor_id" TEXT,
    "kind" TEXT NOT NULL,
    "from_status" "ChallengeStatus",
    "to_status" "ChallengeStatus",
    "comment" TEXT,
    "changes" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "challenge_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "challenge_follows" (
    "user_id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "challenge_follows_pkey" PRIMARY KEY ("user_id","challenge_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "themes_slug_key" ON "themes"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "challenges_slug_key" ON "challenges"("slug");

-- CreateIndex
CREATE INDEX "challenges_organisation_id_idx" ON "challenges"("organisation_id");

-- CreateIndex
CREATE INDEX "challenges_status_idx" ON "challenges"("status");

-- CreateIndex
CREATE INDEX "datasets_challenge_id_idx" ON "datasets"("challenge_id");

-- CreateIndex
CREATE INDEX "challenge_events_challenge_id_created_at_idx" ON "challenge_events"("challenge_id", "created_at");

-- AddForeignKey
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_themes" ADD CONSTRAINT "challenge_themes_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_themes" ADD CONSTRAINT "challenge_themes_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_skills" ADD CONSTRAINT "challenge_skills_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_skills" ADD CONSTRAINT "challenge_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_follows" ADD CONSTRAINT "challenge_follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "challenge_follows" ADD CONSTRAINT "challenge_follows_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

