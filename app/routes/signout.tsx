import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { redirectWithFlash } from "~/services/flash.server";
import { destroySession } from "~/services/session.server";

// Signing out changes data (the session row), so only POST does it; GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirectWithFlash("/", { kind: "success", title: "You have signed out" }, { "Set-Cookie": await destroySession(request) });
}
