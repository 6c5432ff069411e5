import { describe, expect, test } from "vitest";
import type { Actor } from "~/models/platform/actor";
import { auditLogPage } from "~/models/platform/audit-view.server";
import { DomainError } from "~/models/platform/errors";
import { loader as adminLoader } from "~/routes/admin._index";
import { loader as healthLoader } from "~/routes/healthz";
import { prisma } from "~/services/db.server";
import { context, getRequest, settle } from "../support/http";
import { cookieFor, makeUser } from "../support/world";

// The platform's own pages: administration and the audit log are the administrators', asked
// by the read functions themselves; /healthz says how Nettle is.

const asActor = (user: { id: string; email: string | null; displayName: string; emailVerifiedAt: Date | null; isAdmin: boolean }) =>
  ({ ...user, kind: "volunteer", visibility: "members", sessionId: "" }) as Actor;

describe("the audit log", () => {
  test("the read function itself refuses anyone but an administrator, whoever calls it", async () => {
    const person = await makeUser("curious@example.org");
    const admin = await makeUser("keeper@example.org", { isAdmin: true });
    await prisma.auditLog.create({ data: { actorId: admin.id, action: "user.make_admin", subjectType: "user", subjectId: person.id } });
    for (const actor of [null, asActor(person)]) {
      const error: unknown = await auditLogPage(actor, 1).catch((thrown: unknown) => thrown);
      expect(DomainError.is(error) && error.kind).toBe("forbidden");
    }
    const page = await auditLogPage(asActor(admin), 1);
    expect(page.rows.map((row) => row.action)).toEqual(["Made someone a platform administrator"]);
  });

  test("the administration page answers 403 with what is needed to anyone else", async () => {
    const person = await makeUser("visitor@example.org");
    const refused = (await settle(adminLoader({ request: getRequest("/admin", await cookieFor(person.id)), params: {}, context }))) as Response;
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("You need to be a platform administrator to see this page.");
  });
});

describe("/healthz", () => {
  test("reports the database and search as working, without caching", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as { status: string; database: { status: string }; search: { status: string } };
    // No worker runs in these tests, so Nettle is degraded, not down.
    expect(body).toMatchObject({ status: "degraded", database: { status: "ok" }, search: { status: "ok" } });
  });
});
