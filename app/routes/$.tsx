import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/models/platform/errors";

// Any URL no other route matches: answer 404 (for form posts too) with the styled error page.
export async function loader() {
  throw notFound("Not found");
}

export async function action() {
  throw notFound("Not found");
}

export default function NotFound() {
  // Never rendered: the loader always throws.
  return null;
}

export const meta: MetaFunction = () => [{ title: "Page not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
