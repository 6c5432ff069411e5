-- CreateEnum
CREATE TYPE "DatasetChangeState" AS ENUM ('pending', 'sent_back');

-- CreateTable
CREATE TABLE "dataset_changes" (
    "id" TEXT NOT NULL,
    "challenge_id" TEXT NOT NULL,
    "dataset_id" TEXT,
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
    "state" "DatasetChangeState" NOT NULL DEFAULT 'pending',
    "review_comment" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dataset_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dataset_changes_dataset_id_key" ON "dataset_changes"("dataset_id");

-- CreateIndex
CREATE INDEX "dataset_changes_challenge_id_idx" ON "dataset_changes"("challenge_id");

-- AddForeignKey
ALTER TABLE "dataset_changes" ADD CONSTRAINT "dataset_changes_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_changes" ADD CONSTRAINT "dataset_changes_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
