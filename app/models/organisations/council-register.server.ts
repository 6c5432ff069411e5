import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";

// Reads the mySociety register of UK local authorities (CC BY 4.0) shipped in prisma/data.

export const COUNCIL_REGISTER_PATH = path.resolve(process.cwd(), "prisma/data/uk_local_authorities_current.csv");

const row = z.object({
  "local-authority-code": z.string().regex(/^[A-Z]{3,4}$/),
  "official-name": z.string().min(1),
  "nice-name": z.string().min(1),
  "gss-code": z.string().regex(/^[ENSW]\d{8}$/),
  nation: z.string().min(1),
  region: z.string().min(1),
  "local-authority-type": z.string().min(1),
  "local-authority-type-name": z.string().min(1),
  "pop-2020": z.string(),
  "current-authority": z.string(),
});

export interface CouncilRecord {
  localAuthorityCode: string;
  gssCode: string;
  officialName: string;
  name: string;
  nation: string;
  region: string;
  councilType: string;
  councilTypeName: string;
  population: number | null;
}

/** The current authorities in the register, in file order. */
export function readCouncilRegister(file = COUNCIL_REGISTER_PATH): CouncilRecord[] {
  const records: unknown[] = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true });
  return records.flatMap((raw, i) => {
    // Abolished authorities have gaps (no region, say); only current ones are validated and used.
    if ((raw as Record<string, unknown>)["current-authority"] !== "True") return [];
    const result = row.safeParse(raw);
    if (!result.success) {
      throw new Error(`${path.basename(file)} row ${i + 2}: ${result.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("; ")}`);
    }
    const r = result.data;
    const population = Number.parseFloat(r["pop-2020"]);
    return [
      {
        localAuthorityCode: r["local-authority-code"],
        gssCode: r["gss-code"],
        officialName: r["official-name"],
        name: r["nice-name"],
        nation: r.nation,
        region: r.region,
        councilType: r["local-authority-type"],
        councilTypeName: r["local-authority-type-name"],
        population: Number.isFinite(population) ? Math.round(population) : null,
      },
    ];
  });
}
