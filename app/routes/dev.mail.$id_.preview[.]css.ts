import type { LoaderFunctionArgs } from "@remix-run/node";
import { devMailboxEnabled, getMail, mailPreviewStylesheet } from "~/models/platform/mail.server";

// The styles of one message's HTML, for its preview in the development mailbox (see
// mailPreviewDocument for why they cannot stay inline there).
export async function loader({ params }: LoaderFunctionArgs) {
  if (!devMailboxEnabled()) throw new Response("Not found", { status: 404 });
  const id = params.id ?? "";
  const mail = id.length <= 100 ? await getMail(id) : null;
  if (!mail) throw new Response("Not found", { status: 404 });
  return new Response(mailPreviewStylesheet(mail.html), {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "no-store" },
  });
}
