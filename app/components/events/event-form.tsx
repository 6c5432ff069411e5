import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { DateInput, ErrorSummary, Radios, Select, Textarea, TextField } from "~/components/forms";
import { summaryErrors, useNettleForm } from "~/components/use-form";
import { DEFAULT_CODE_OF_CONDUCT, EVENT_TIME_ZONES, eventForm } from "~/models/events/schemas";

// The event's details, for creating one (/events/new) and changing it (/events/<slug>/edit).
// Times are typed as the organisers think of them, in the event's zone.

const accessOptions = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
  { value: "unknown", label: "Not known" },
];

const timeHint = "For example, 10am, 9:30am or 14:00";

export function EventForm({
  reply,
  defaultValue,
  submitLabel,
}: {
  reply: unknown;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
}) {
  const [form, fields] = useNettleForm(eventForm, {
    id: "event",
    lastResult: reply as never,
    defaultValue: defaultValue ?? {
      kind: "hack_day",
      timeZone: "Europe/London",
      stepFreeAccess: "unknown",
      hearingLoop: "unknown",
      quietRoom: "unknown",
      accessibleToilets: "unknown",
      codeOfConduct: DEFAULT_CODE_OF_CONDUCT,
      teamSizeMin: "2",
      teamSizeMax: "5",
      offerHours: "48",
    },
  });
  const markdown = "You can use Markdown: **bold**, lists with -, and links.";
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary errors={summaryErrors(form)} />
      <Radios
        field={fields.kind}
        legend="What kind of event is it?"
        options={[
          { value: "hack_day", label: "Hack day", hint: "Teams work on the featured challenges, are judged and win awards." },
          { value: "showcase", label: "Showcase", hint: "Teams show what they built." },
        ]}
      />
      <TextField field={fields.title} label="Title" labelClass="govuk-label--s" />
      <Textarea field={fields.description} label="Description" labelClass="govuk-label--s" hint={markdown} rows={6} />

      <h2 className="govuk-heading-m">When</h2>
      <Select
        field={fields.timeZone}
        label="Time zone"
        hint="The times below are in this zone."
        options={EVENT_TIME_ZONES.map((zone) => ({ value: zone, label: zone === "Europe/London" ? "UK time (Europe/London)" : zone }))}
      />
      <DateInput field={fields.startDate} legend="Start date" hint="For example, 23 1 2027" />
      <TextField field={fields.startTime} label="Start time" hint={timeHint} width="10" />
      <DateInput field={fields.endDate} legend="End date" hint="For example, 23 1 2027" />
      <TextField field={fields.endTime} label="End time" hint={timeHint} width="10" />

      <h2 className="govuk-heading-m">Where</h2>
      <p className="govuk-body">Give a venue, an online link, or both.</p>
      <TextField field={fields.venueName} label="Venue name" autoComplete="organization" />
      <Textarea field={fields.venueAddress} label="Venue address" rows={3} />
      <TextField field={fields.venuePostcode} label="Postcode" width="10" autoComplete="postal-code" />
      <TextField field={fields.onlineUrl} label="Online link" hint="Starting with https://" type="url" />

      <h2 className="govuk-heading-m">Accessibility of the venue</h2>
      <Radios field={fields.stepFreeAccess} legend="Step-free access" options={accessOptions} />
      <Radios field={fields.hearingLoop} legend="Hearing loop" options={accessOptions} />
      <Radios field={fields.quietRoom} legend="Quiet room" options={accessOptions} />
      <Radios field={fields.accessibleToilets} legend="Accessible toilets" options={accessOptions} />
      <TextField field={fields.nearestStation} label="Nearest station" hint="For example, Leeds (10 minutes' walk, step-free route)" />
      <Textarea field={fields.accessibilityNotes} label="Anything else about access" rows={3} />

      <h2 className="govuk-heading-m">Places and registration</h2>
      <TextField field={fields.capacity} label="Capacity" hint="How many people can come, from 1 to 5,000." width="4" />
      <DateInput
        field={fields.registrationOpensDate}
        legend="Registration opens (optional)"
        hint="Leave empty to open registration when you publish."
      />
      <TextField field={fields.registrationOpensTime} label="Registration opens at (optional)" hint={timeHint} width="10" />
      <DateInput
        field={fields.registrationClosesDate}
        legend="Registration closes (optional)"
        hint="Leave empty to keep it open until the event ends."
      />
      <TextField field={fields.registrationClosesTime} label="Registration closes at (optional)" hint={`${timeHint}. Without a time, at the end of the day.`} width="10" />
      <TextField
        field={fields.offerHours}
        label="Hours to confirm an offered place"
        hint="When someone cancels, the next person on the waiting list is offered the place and has this long to confirm it."
        width="4"
      />

      <h2 className="govuk-heading-m">Teams</h2>
      <TextField field={fields.teamSizeMin} label="Smallest team" width="3" />
      <TextField field={fields.teamSizeMax} label="Largest team" width="3" />

      <h2 className="govuk-heading-m">Code of conduct</h2>
      <Textarea field={fields.codeOfConduct} label="Code of conduct" hint={`Everyone registering agrees to it. ${markdown}`} rows={10} />

      <button type="submit" className="govuk-button" data-module="govuk-button">
        {submitLabel}
      </button>
    </Form>
  );
}
