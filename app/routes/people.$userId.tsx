import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProfilePage } from "~/components/profiles/profile-page";
import { OutcomeCredits } from "~/components/outcomes/credits";
import { outcomesCreditedTo } from "~/models/outcomes/public.server";
import { viewProfile } from "~/models/profiles/profile.server";
import { getUser } from "~/services/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const profile = await viewProfile(user, params.userId ?? "");
  // Asked only once the profile is known to be visible to this viewer.
  return { profile, credits: await outcomesCreditedTo(profile.id) };
}

export default function Person() {
  const { profile, credits } = useLoaderData<typeof loader>();
  return (
    <>
      <ProfilePage profile={profile} />
      <OutcomeCredits credits={credits} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.profile.name} – Nettle` : "Profile – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
