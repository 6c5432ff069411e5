import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Textarea } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { answerImpactCheck, impactCheckPage } from "~/models/impact/impact.server";
import { authorizeImpactAnswer } from "~/models/impact/policy.server";
import { impactAnswerForm, IN_USE_OPTIONS, parseImpactMonths } from "~/models/impact/schemas";
import { notFound } from "~/models/platform/errors";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// "Is it in use, and what changed?": the council answers the follow-up question 3, 6 or 12
// months after an outcome was published (or earlier, if it knows already). The answer is
// public on the outcome page.

function monthsOf(params: Record<string, string | undefined>) {
  const months = parseImpactMonths(params.months);
  if (months === null) throw notFound("There is no such follow-up question.");
  return months;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return impactCheckPage(user, params.slug ?? "", monthsOf(params));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const months = monthsOf(params);
  return formAction(
    request,
    impactAnswerForm,
    async (input) => {
      const answered = await answerImpactCheck(user, slug, months, input);
      return redirectWithFlash(`/outcomes/${answered.outcome.slug}`, {
        kind: "success",
        title: "Thank you: your answer is saved",
        body: `It now shows on the outcome page for “${answered.outcome.title}”.`,
      });
    },
    { authorize: async () => void (await authorizeImpactAnswer(user, slug)) },
  );
}

export default function AnswerImpact() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(impactAnswerForm, {
    lastResult: reply,
    defaultValue: { inUse: page.check.inUse ?? undefined, whatChanged: page.check.whatChanged ?? "" },
  });
  const due = new Date(page.check.dueAt);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/outcomes/${page.outcome.slug}`}>
          {page.outcome.title}
        </Link>
        <ErrorSummary errors={summaryErrors(form)} />
        <span className="govuk-caption-l">{page.outcome.title}</span>
        <h1 className="govuk-heading-l">Is it in use, {page.check.monthsAfter} months on?</h1>
        <p className="govuk-body">
          Published on {formatDate(page.outcome.publishedAt)}. We ask {page.council} {page.check.monthsAfter} months later
          {due > new Date() ? ` (on ${formatDate(due)}), but you can answer now` : ""}. Your answer appears on the outcome&apos;s
          public page and in the hub&apos;s figures, so the team and funders can see what the work did.
        </p>
        {page.check.state === "answered" && page.check.answeredAt ? (
          <p className="govuk-inset-text">You answered on {formatDate(page.check.answeredAt)}. You can change the answer.</p>
        ) : page.check.state === "not_answered" ? (
          <p className="govuk-inset-text">Nobody answered after two reminders, so this shows as “not answered”. You can still answer.</p>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <Radios field={fields.inUse} legend="Is the result in use?" options={[...IN_USE_OPTIONS]} />
          <Textarea
            field={fields.whatChanged}
            label="What changed because of it?"
            hint="For example, a decision it informed, time saved, or a service that changed; with numbers where you have them. If it is not in use, say why. Up to 2,000 characters. This is public."
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save answer
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Is it in use? – ${data.outcome.title} – Nettle` : "Is it in use? – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
