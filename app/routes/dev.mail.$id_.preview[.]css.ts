import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMail, mailPreviewStylesheet } from "~/models/platform/mail.server";

// The styles of one message's HTML, for its preview in the development mailbox (see
// mailPreviewDocument for why they cannot stay inline there).
export async function loader({ params }: LoaderFunctionArgs) {
  const mail = await getMail(params.id ?? "");
  return new Response(mailPreviewStylesheet(mail.html), {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "no-store" },
  });
}
