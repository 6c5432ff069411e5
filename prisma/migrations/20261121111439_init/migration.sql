-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('council', 'university', 'hub', 'community');

-- CreateEnum
CREATE TYPE "SkillCategory" AS ENUM ('analysis', 'statistics', 'data_engineering', 'geospatial', 'machine_learning', 'visualisation', 'web_development', 'user_research', 'domain_expertise', 'data_protection', 'project_management');

-- CreateTable
CREATE TABLE "organisations" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "official_name" TEXT,
    "kind" "OrganisationKind" NOT NULL,
    "gss_code" TEXT,
    "local_authority_code" TEXT,
    "nation" TEXT,
    "region" TEXT,
    "council_type" TEXT,
    "council_type_name" TEXT,
    "population" INTEGER,
    "website" TEXT,
    "description" TEXT,
    "verified_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "skills" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "SkillCategory" NOT NULL,
    "description" TEXT,
    "synonyms" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "skills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_outbox" (
    "id" BIGSERIAL NOT NULL,
    "index_name" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "search_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "id" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_gss_code_key" ON "organisations"("gss_code");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_local_authority_code_key" ON "organisations"("local_authority_code");

-- CreateIndex
CREATE INDEX "organisations_kind_idx" ON "organisations"("kind");

-- CreateIndex
CREATE INDEX "organisations_region_idx" ON "organisations"("region");

-- CreateIndex
CREATE UNIQUE INDEX "skills_slug_key" ON "skills"("slug");

-- CreateIndex
CREATE INDEX "skills_category_idx" ON "skills"("category");

-- CreateIndex
CREATE INDEX "search_outbox_processed_at_available_at_id_idx" ON "search_outbox"("processed_at", "available_at", "id");
