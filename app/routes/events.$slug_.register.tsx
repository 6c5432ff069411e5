import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, Select, Textarea } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { STATUS_LABELS } from "~/models/registrations/labels";
import { register, registrationPage } from "~/models/registrations/registration.server";
import { registerForm } from "~/models/registrations/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Registering for an event: which featured challenges interest them (ranked), optional dietary
// and access needs (organisers only, deleted 30 days after), sharing their profile skills, and
// the code of conduct. Someone already registered is shown where they stand instead.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return registrationPage(user, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(request, registerForm, async (input) => {
    const { status, position } = await register(user, slug, input);
    return redirectWithFlash(
      `/events/${slug}/ticket`,
      status === "confirmed"
        ? { kind: "success", title: "You have a place", body: "Your ticket is below. We have sent you the details too." }
        : {
            kind: "success",
            title: `You are on the waiting list, number ${position}`,
            body: "If a place comes free we will offer it to you, with a deadline to confirm it.",
          },
    );
  });
}

const RANKS = ["First choice", "Second choice", "Third choice"] as const;

export default function RegisterRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(registerForm, { id: "register", lastResult: reply, defaultValue: { shareSkills: "yes" } });
  const { event } = page;
  const options = page.challenges.map((c) => ({ value: c.id, label: c.title }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${event.slug}`}>
          {event.title}
        </Link>
        <ErrorSummary errors={summaryErrors(form)} />
        <span className="govuk-caption-l">{event.title}</span>
        <h1 className="govuk-heading-l">Register</h1>
        <p className="govuk-body">{event.when}</p>

        {page.registration ? (
          <>
            <p className="govuk-body">You are already registered: {STATUS_LABELS[page.registration.status].toLowerCase()}.</p>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/events/${event.slug}/ticket`}>
                See your ticket
              </Link>
            </p>
          </>
        ) : !page.emailConfirmed ? (
          <p className="govuk-body">
            Confirm your email address before you register.{" "}
            <Link className="govuk-link" to="/verify-email">
              Send the confirmation email again
            </Link>
            .
          </p>
        ) : !page.mayRegister ? (
          <p className="govuk-body">
            {event.status === "cancelled"
              ? "This event has been cancelled."
              : event.status === "finished"
                ? "This event has finished."
                : "Registration is not open at the moment."}
          </p>
        ) : (
          <Form method="post" id={form.id} noValidate>
            {options.length ? (
              <div className="govuk-form-group">
                <fieldset className="govuk-fieldset" aria-describedby="choices-hint">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h2 className="govuk-fieldset__heading">Which challenges would you like to work on?</h2>
                  </legend>
                  <div id="choices-hint" className="govuk-hint">
                    The organisers use your choices to form teams on the day. Choose each challenge once.
                  </div>
                  {([fields.choice1, fields.choice2, fields.choice3] as const).slice(0, Math.max(1, Math.min(3, options.length))).map((field, i) => (
                    <Select key={RANKS[i]} field={field} label={RANKS[i]} placeholder="No preference" options={options} />
                  ))}
                </fieldset>
              </div>
            ) : null}

            <h2 className="govuk-heading-m">Dietary and access needs (optional)</h2>
            <p className="govuk-body">
              Only the organisers of this event see what you write here. We delete it 30 days after the event.
            </p>
            <Textarea field={fields.dietary!} label="Dietary needs" hint="For example, vegetarian, or an allergy" rows={3} />
            <Textarea
              field={fields.access!}
              label="Access needs"
              hint="Anything that would help you take part, for example step-free access, a hearing loop, a quiet space or breaks"
              rows={3}
            />

            <h2 className="govuk-heading-m">Your skills</h2>
            {page.skills.length ? (
              <p className="govuk-body">Your profile lists: {page.skills.join(", ")}.</p>
            ) : (
              <p className="govuk-body">Your profile does not list any skills yet.</p>
            )}
            <p className="govuk-body">
              <Link className="govuk-link" to="/account/profile">
                Edit your skills profile
              </Link>
            </p>
            <Checkboxes
              field={fields.shareSkills!}
              legend="Sharing your skills"
              options={[{ value: "yes", label: "Share the skills on my profile with the organisers, to help form teams" }]}
            />

            <h2 className="govuk-heading-m">Code of conduct</h2>
            {event.codeOfConductHtml ? (
              <div className="govuk-inset-text" dangerouslySetInnerHTML={{ __html: event.codeOfConductHtml }} />
            ) : (
              <p className="govuk-body">Everyone is expected to be kind and respectful.</p>
            )}
            <Checkboxes
              field={fields.agreeConduct!}
              legend="Agreeing to the code of conduct"
              options={[{ value: "yes", label: "I agree to follow the code of conduct" }]}
            />

            <button type="submit" className="govuk-button" data-module="govuk-button">
              Register
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Register – ${data.event.title} – Nettle` : "Event not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
