-- Theme names are compared for duplicates through a normalised copy with a unique index,
-- never by pattern (ILIKE treated "_" and "%" as wildcards). The app computes the key
-- (themeNameKey in app/models/theme.server.ts: NFKC, lower case, spaces trimmed and
-- collapsed); this fills it the same way for the themes that exist.

-- AlterTable
ALTER TABLE "themes" ADD COLUMN     "name_key" TEXT;

UPDATE "themes"
SET "name_key" = btrim(regexp_replace(normalize(lower(normalize("name", NFKC)), NFKC), '\s+', ' ', 'g'));

-- Names that differ only in spacing or Unicode form got past the old check. The oldest keeps
-- its key; the others get their id appended so the index can be built (renaming one fixes it).
UPDATE "themes" AS later
SET "name_key" = later."name_key" || ' ' || later."id"
FROM "themes" AS earlier
WHERE earlier."name_key" = later."name_key"
  AND (earlier."created_at", earlier."id") < (later."created_at", later."id");

ALTER TABLE "themes" ALTER COLUMN "name_key" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "themes_name_key_key" ON "themes"("name_key");
