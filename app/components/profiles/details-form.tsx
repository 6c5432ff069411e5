import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Checkboxes, DateInput, Radios, Select, Textarea, TextField } from "~/components/forms";
import { useNettleForm, type MaybeReply } from "~/components/use-form";
import { participantKindOptions } from "~/models/accounts/participant-kinds";
import { profileVisibilityChoices, yesNoOptions } from "~/models/profiles/labels";
import { detailsForm, MAX_BIO_LENGTH, MAX_HOURS_PER_WEEK } from "~/models/profiles/schemas";

// Everything on a skills profile but the skills: who the person is, what they care about,
// where and when they can help, and who may see it.

const kinds = [...participantKindOptions];

export function useDetailsForm(lastResult: MaybeReply, values: Record<string, unknown>) {
  return useNettleForm(detailsForm, { id: "details", lastResult, defaultValue: values });
}

export function DetailsForm({
  form: [form, fields],
  themes,
  regions,
  institutions,
}: {
  form: ReturnType<typeof useDetailsForm>;
  themes: { id: string; name: string }[];
  regions: string[];
  institutions: { id: string; name: string }[];
}) {
  return (
    <>
      <h2 className="govuk-heading-l" id="about">
        Your details
      </h2>
      <Form method="post" action="/account/profile" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="details" />
        <Radios field={fields.kind} legend="Which describes you best?" options={kinds} />
        <TextField
          field={fields.headline}
          label="Headline"
          hint="One line about what you do, like ‘GIS analyst who likes flood data’. Up to 120 characters."
        />
        <Textarea
          field={fields.bio}
          label="About you"
          hint={`What you have worked on and what you would like to do. You can use Markdown for links and lists. Up to ${MAX_BIO_LENGTH.toLocaleString("en-GB")} characters.`}
          rows={8}
        />
        <Checkboxes
          field={fields.themes}
          legend="What are you interested in?"
          hint="Nettle suggests challenges on these themes first. Choose any."
          options={themes.map((theme) => ({ value: theme.id, label: theme.name }))}
        />
        <Select
          field={fields.region}
          label="Where are you based?"
          hint="Councils in your region see you first for work in person."
          placeholder="Not saying"
          options={regions.map((region) => ({ value: region, label: region }))}
        />
        <Radios field={fields.remoteOk} legend="Can you work remotely?" options={yesNoOptions} />
        <TextField
          field={fields.hoursPerWeek}
          label="Hours a week you can give"
          hint={`A whole number from 1 to ${MAX_HOURS_PER_WEEK}. Leave it empty if you are not sure.`}
          width="3"
        />
        <DateInput
          field={fields.availableFrom}
          legend="Available from"
          hint="Leave it empty if you are available now. For example, 1 2 2027."
        />
        <DateInput field={fields.availableUntil} legend="Available until" hint="Leave it empty if there is no end date." />
        <Select
          field={fields.institutionId}
          label="Your university"
          hint="For students and academics only."
          placeholder="None"
          options={institutions.map((org) => ({ value: org.id, label: org.name }))}
        />
        <TextField
          field={fields.githubUrl}
          type="url"
          label="GitHub profile (optional)"
          hint="Like https://github.com/your-name"
          spellCheck={false}
          autoComplete="url"
        />
        <TextField
          field={fields.portfolioUrl}
          type="url"
          label="Portfolio or website (optional)"
          hint="A web address starting with https://"
          spellCheck={false}
        />
        <Radios
          field={fields.visibility}
          legend="Who can see your profile?"
          hint="Teams you join always see your name."
          options={profileVisibilityChoices}
        />
        <Radios
          field={fields.openToInvitations}
          legend="Can councils invite you to challenges?"
          hint="If you say no, you are not suggested for challenges, but you can still offer to help."
          options={yesNoOptions}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Save profile
        </button>
      </Form>
    </>
  );
}
