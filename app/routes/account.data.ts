import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportUserData } from "~/models/accounts/privacy.server";
import { notFound } from "~/models/platform/errors";
import { requireUser } from "~/services/auth.server";

// "Download my data": a JSON file of everything Nettle holds about the signed-in person.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exported = await exportUserData(user, user.id);
  if (!exported) throw notFound();
  const day = exported.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="nettle-my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
