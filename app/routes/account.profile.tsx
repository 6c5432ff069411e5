import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { DetailsForm, useDetailsForm } from "~/components/profiles/details-form";
import { SkillsEditor, useAddSkillForm } from "~/components/profiles/skills-editor";
import { replyFor, summaryErrors, summaryFromReply } from "~/components/use-form";
import { changeProfileSkill, findSkills, profileForEditing, saveProfileDetails } from "~/models/profiles/profile.server";
import { profilePageForm, skillQuery } from "~/models/profiles/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = skillQuery.parse(new URL(request.url).searchParams.get("q") ?? "");
  const [profile, found] = await Promise.all([profileForEditing(user, user.id), query ? findSkills(query) : null]);
  return { userId: user.id, query, matches: found?.matches ?? null, searchDegraded: found?.degraded ?? false, ...profile };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, profilePageForm, async (form) => {
    if (form.intent === "details") {
      await saveProfileDetails(user, user.id, form);
      return redirectWithFlash("/account/profile", { kind: "success", title: "Your profile is saved" });
    }
    const name = await changeProfileSkill(user, user.id, form);
    const title =
      form.intent === "add-skill" ? `${name} is on your profile` : form.intent === "remove-skill" ? `${name} is removed` : `${name}: level changed`;
    return redirectWithFlash("/account/profile#skills", { kind: "success", title });
  });
}

export default function EditProfile() {
  const { userId, query, matches, searchDegraded, values, skills, themes, regions, institutions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const details = useDetailsForm(replyFor(reply, { intent: "details" }), values);
  const addSkill = useAddSkillForm(replyFor(reply, { intent: "add-skill" }));
  const rowReply = replyFor(reply, { intent: "set-level" }) ?? replyFor(reply, { intent: "remove-skill" });
  const errors = { ...summaryFromReply(rowReply), ...summaryErrors(addSkill[0]), ...summaryErrors(details[0]) };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/account">
          Back to your account
        </Link>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-xl">Your skills profile</h1>
        <p className="govuk-body">
          Councils and hub organisers use your profile to find people for their challenges, and Nettle uses it to suggest
          challenges to you.{" "}
          <Link className="govuk-link" to={`/people/${userId}`}>
            See your profile page
          </Link>
        </p>
        <SkillsEditor skills={skills} query={query} matches={matches} degraded={searchDegraded} addForm={addSkill} />
        <DetailsForm form={details} themes={themes} regions={regions} institutions={institutions} />
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your skills profile – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
