import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any URL no other route matches: answer 404 (for form posts too) with the styled error page.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  // Never rendered: the loader always throws.
  return null;
}

export const meta: MetaFunction = () => [{ title: "Page not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
