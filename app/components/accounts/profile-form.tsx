import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Radios, TextField } from "~/components/forms";
import { useNettleForm, type MaybeReply } from "~/components/use-form";
import { profileVisibilityOptions } from "~/models/accounts/labels";
import { participantKindOptions } from "~/models/accounts/participant-kinds";
import { profileForm, type ProfileInput } from "~/models/accounts/schemas";

// Name, what describes the person, and who may see their profile (account page). The page
// holds the form's state (useProfileForm), so its error summary lists this form's errors too.

const kinds = [...participantKindOptions];

export function useProfileForm(lastResult: MaybeReply, profile: ProfileInput) {
  return useNettleForm(profileForm, { id: "profile", lastResult, defaultValue: profile });
}

export function ProfileForm({ profile: [form, fields] }: { profile: ReturnType<typeof useProfileForm> }) {
  return (
    <>
      <h2 className="govuk-heading-m">Profile</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="profile" />
        <TextField
          field={fields.displayName}
          label="Your name"
          hint="Shown to people you work with on Nettle"
          autoComplete="name"
          spellCheck={false}
        />
        <Radios field={fields.kind} legend="Which describes you best?" options={kinds} />
        <Radios
          field={fields.visibility}
          legend="Who can see your profile?"
          hint="Your skills and availability are part of your profile. Teams you join always see your name."
          options={profileVisibilityOptions}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Save profile
        </button>
      </Form>
    </>
  );
}
