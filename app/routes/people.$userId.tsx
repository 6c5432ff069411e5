import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProfilePage } from "~/components/profiles/profile-page";
import { viewProfile } from "~/models/profiles/profile.server";
import { getUser } from "~/services/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { profile: await viewProfile(user, params.userId ?? "") };
}

export default function Person() {
  const { profile } = useLoaderData<typeof loader>();
  return <ProfilePage profile={profile} />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.profile.name} – Nettle` : "Profile – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
