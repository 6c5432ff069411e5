import { createCookie } from "@remix-run/node";

// One-time messages shown after a redirect ("Your email address is confirmed"). They carry no
// secrets; tampering with one only changes what its own browser shows.
const flashCookie = createCookie("nettle_flash", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 });

export interface Flash {
  kind: "success" | "info";
  title: string;
  body?: string;
  /** "page": the next page shows it in its own words (check-your-email), so no banner. */
  placement?: "page";
}

export async function setFlash(flash: Flash) {
  return flashCookie.serialize(Buffer.from(JSON.stringify(flash)).toString("base64url"));
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const raw: unknown = await flashCookie.parse(request.headers.get("cookie"));
  if (typeof raw !== "string" || !raw) return { flash: null, clear: null };
  try {
    const flash = JSON.parse(Buffer.from(raw, "base64url").toString()) as Flash;
    if (typeof flash.title !== "string") throw new Error("bad flash");
    return { flash, clear: await flashCookie.serialize("", { maxAge: 0 }) };
  } catch {
    return { flash: null, clear: await flashCookie.serialize("", { maxAge: 0 }) };
  }
}

/** A redirect that shows `flash` on the next page. */
export async function redirectWithFlash(to: string, flash: Flash, headers: HeadersInit = {}) {
  const all = new Headers(headers);
  all.append("Set-Cookie", await setFlash(flash));
  all.set("Location", to);
  return new Response(null, { status: 302, headers: all });
}
