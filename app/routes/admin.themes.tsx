import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { requirePermission } from "~/models/platform/permissions.server";
import { addTheme, listThemes, renameTheme, ThemeError, themeName } from "~/models/taxonomy/theme.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, fieldErrors, keepValues, readForm } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requirePermission(user, "admin");
  return { themes: await listThemes() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requirePermission(user, "admin");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent !== "add" && intent !== "rename") throw badRequest("Nettle did not understand that request.");
  const field = intent === "add" ? "name" : `name-${String(form.get("themeId") ?? "")}`;
  const parsed = themeName.safeParse({ name: form.get("name") });
  if (!parsed.success) {
    return data(
      { errors: { [field]: fieldErrors(parsed.error).name ?? "Enter the theme's name" }, values: keepValues(form) },
      { status: 400 },
    );
  }
  try {
    if (intent === "add") await addTheme(user.id, parsed.data.name);
    else await renameTheme(user.id, String(form.get("themeId") ?? ""), parsed.data.name);
  } catch (error) {
    if (error instanceof ThemeError)
      return data({ errors: { [field]: error.message }, values: keepValues(form) }, { status: 400 });
    throw error;
  }
  return redirectWithFlash("/admin/themes", {
    kind: "success",
    title: intent === "add" ? `Theme ${parsed.data.name} added` : `Theme renamed to ${parsed.data.name}`,
  });
}

export default function Themes() {
  const { themes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin">
          Administration
        </Link>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Themes</h1>
        <p className="govuk-body">
          Councils file each challenge under one or more themes; people filter challenges by them. Renaming a theme
          updates every challenge filed under it.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add" />
          <TextField
            name="name"
            label="Add a theme"
            labelClass="govuk-label--s"
            hint="For example: Libraries"
            error={errors.name}
            defaultValue={result?.values.intent === "add" ? result.values.name : undefined}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add theme
          </button>
        </Form>
        <h2 className="govuk-heading-m">Rename a theme</h2>
        {themes.map((theme) => {
          const field = `name-${theme.id}`;
          const typed = result?.values.themeId === theme.id ? result.values.name : undefined;
          return (
            <Form method="post" noValidate key={theme.id} className="nettle-inline-fields">
              <input type="hidden" name="intent" value="rename" />
              <input type="hidden" name="themeId" value={theme.id} />
              <TextField
                name="name"
                id={field}
                label={
                  <>
                    Name of the theme <span className="govuk-visually-hidden">{theme.name}</span>
                  </>
                }
                labelClass="govuk-visually-hidden"
                error={errors[field]}
                defaultValue={typed ?? theme.name}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Rename<span className="govuk-visually-hidden"> {theme.name}</span>
              </button>
            </Form>
          );
        })}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Themes – Nettle administration" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
