import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { NONE } from "~/models/platform/policy.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import { themeForm } from "~/models/taxonomy/schemas";
import { addTheme, listThemes, renameTheme } from "~/models/taxonomy/theme.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await taxonomyPolicy.authorize(user, "manage_themes", NONE);
  return { themes: await listThemes() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The model checks again; asking first refuses others before their input is read.
  await taxonomyPolicy.authorize(user, "manage_themes", NONE);
  return formAction(request, themeForm, async (form) => {
    if (form.intent === "add") await addTheme(user, form.name);
    else await renameTheme(user, form.themeId, form.name);
    return redirectWithFlash("/admin/themes", {
      kind: "success",
      title: form.intent === "add" ? `Theme ${form.name} added` : `Theme renamed to ${form.name}`,
    });
  });
}

export default function Themes() {
  const { themes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const renamed = themes.find((theme) => replyFor(reply, { intent: "rename", themeId: theme.id }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin">
          Administration
        </Link>
        <ErrorSummary errors={summaryFromReply(reply, renamed ? { name: `name-${renamed.id}` } : {})} />
        <h1 className="govuk-heading-l">Themes</h1>
        <p className="govuk-body">
          Councils file each challenge under one or more themes; people filter challenges by them. Renaming a theme
          updates every challenge filed under it.
        </p>
        <AddTheme />
        <h2 className="govuk-heading-m">Rename a theme</h2>
        {themes.map((theme) => (
          <RenameTheme key={theme.id} theme={theme} />
        ))}
      </div>
    </div>
  );
}

function AddTheme() {
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(themeForm, { id: "add-theme", lastResult: replyFor(reply, { intent: "add" }) });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <TextField field={fields.name} label="Add a theme" labelClass="govuk-label--s" hint="For example: Libraries" />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Add theme
      </button>
    </Form>
  );
}

function RenameTheme({ theme }: { theme: { id: string; name: string } }) {
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(themeForm, {
    id: `rename-${theme.id}`,
    lastResult: replyFor(reply, { intent: "rename", themeId: theme.id }),
    defaultValue: { name: theme.name },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="nettle-inline-fields">
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="themeId" value={theme.id} />
      <TextField
        field={fields.name}
        id={`name-${theme.id}`}
        label={
          <>
            Name of the theme <span className="govuk-visually-hidden">{theme.name}</span>
          </>
        }
        labelClass="govuk-visually-hidden"
      />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Rename<span className="govuk-visually-hidden"> {theme.name}</span>
      </button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Themes – Nettle administration" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
