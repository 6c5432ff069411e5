import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { z, ZodTypeAny } from "zod";
import { AreaStep } from "~/components/challenges/wizard/area-step";
import { CheckStep } from "~/components/challenges/wizard/check-step";
import { ContactStep } from "~/components/challenges/wizard/contact-step";
import { DataStep } from "~/components/challenges/wizard/data-step";
import { OutcomeStep } from "~/components/challenges/wizard/outcome-step";
import { ProblemStep } from "~/components/challenges/wizard/problem-step";
import { SkillsStep } from "~/components/challenges/wizard/skills-step";
import { TeamStep } from "~/components/challenges/wizard/team-step";
import { ThemesStep } from "~/components/challenges/wizard/themes-step";
import { WhyStep } from "~/components/challenges/wizard/why-step";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getWizardPage } from "~/models/challenges/draft-view.server";
import * as draft from "~/models/challenges/draft.server";
import { transitionChallenge } from "~/models/challenges/lifecycle.server";
import { editUrl, isWizardStep, stepTitles, type WizardStep } from "~/models/challenges/wizard";
import { areaStep } from "~/models/challenges/wizard-steps/area";
import { checkStep } from "~/models/challenges/wizard-steps/check";
import { contactStep } from "~/models/challenges/wizard-steps/contact";
import { dataStep } from "~/models/challenges/wizard-steps/data";
import { outcomeStep } from "~/models/challenges/wizard-steps/outcome";
import { problemStep } from "~/models/challenges/wizard-steps/problem";
import { skillsStep } from "~/models/challenges/wizard-steps/skills";
import { teamStep } from "~/models/challenges/wizard-steps/team";
import { themesStep } from "~/models/challenges/wizard-steps/themes";
import { whyStep } from "~/models/challenges/wizard-steps/why";
import type { Actor } from "~/models/platform/actor";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The intake wizard, one step per page: /challenges/<id>/edit/<step>. (`challenges_` keeps it
// out of any /challenges layout: the wizard is its own page.) Each step is a form and a schema
// of its own (app/components/challenges/wizard/, app/models/challenges/wizard-steps/); this
// route only sends each step to its own.

function stepFrom(params: LoaderFunctionArgs["params"]) {
  if (!isWizardStep(params.step)) throw new Response("Not found", { status: 404 });
  return params.step;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const step = stepFrom(params);
  const id = params.id ?? "";
  const datasetId = new URL(request.url).searchParams.get("dataset");
  const page = await getWizardPage(user, id, step, { datasetId });
  // Waiting for review (or finished): the council sees it on its review page instead.
  if ("kind" in page) throw redirect(`/challenges/${id}/review`);
  return page;
}

interface StepPost {
  request: Request;
  user: Actor;
  id: string;
}

/** Checks the step's form against its schema, saves it, and goes where the model says. */
function saving<Schema extends ZodTypeAny>(
  schema: Schema,
  save: (actor: Actor, challengeId: string, value: z.output<Schema>) => Promise<draft.StepSaved>,
) {
  return ({ request, user, id }: StepPost) =>
    formAction(request, schema, async (value) => {
      const saved = await save(user, id, value);
      const to = editUrl(id, saved.goTo);
      return saved.message ? redirectWithFlash(to, { kind: "success", title: saved.message }) : redirect(to);
    });
}

const posts: Record<WizardStep, (post: StepPost) => Promise<unknown>> = {
  problem: saving(problemStep, draft.saveProblem),
  why: saving(whyStep, draft.saveWhy),
  outcome: saving(outcomeStep, draft.saveOutcome),
  themes: saving(themesStep, draft.saveThemes),
  area: saving(areaStep, draft.saveArea),
  skills: saving(skillsStep, draft.saveSkills),
  team: saving(teamStep, draft.saveTeam),
  data: saving(dataStep, draft.saveData),
  contact: saving(contactStep, draft.saveContact),
  check: ({ request, user, id }) =>
    formAction(request, checkStep, async () => {
      await transitionChallenge(user, id, "submit");
      return redirectWithFlash(`/challenges/${id}/review`, {
        kind: "success",
        title: "Your challenge has been sent for hub review",
        body: "A hub organiser will read it, then publish it or ask you for changes. We will show their decision here.",
      });
    }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const step = stepFrom(params);
  const id = params.id ?? "";
  // The model checks again; asking first refuses others before their input is read.
  await draft.councilEditAccess(user, id);
  return posts[step]({ request, user, id });
}

export default function EditStep() {
  const page = useLoaderData<typeof loader>();
  switch (page.step) {
    case "problem":
      return <ProblemStep page={page} />;
    case "why":
      return <WhyStep page={page} />;
    case "outcome":
      return <OutcomeStep page={page} />;
    case "themes":
      return <ThemesStep page={page} />;
    case "area":
      return <AreaStep page={page} />;
    case "skills":
      return <SkillsStep page={page} />;
    case "team":
      return <TeamStep page={page} />;
    case "data":
      // A fresh form for each dataset being changed.
      return <DataStep key={page.editingDataset?.id ?? ""} page={page} />;
    case "contact":
      return <ContactStep page={page} />;
    case "check":
      return <CheckStep page={page} />;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `${stepTitles[page.step]} – ${page.challengeTitle || "New challenge"} – Nettle`
      : "Challenge – Nettle",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
