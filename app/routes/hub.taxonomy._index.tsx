import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { SkillFields } from "~/components/taxonomy/skill-fields";
import { summaryFromReply, useNettleForm } from "~/components/use-form";
import { NONE } from "~/models/platform/policy.server";
import { addSkill, listSkillsForOrganisers } from "~/models/taxonomy/manage.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import { addSkillForm } from "~/models/taxonomy/schemas";
import { SKILL_CATEGORIES, isSkillCategory, skillCategoryLabel } from "~/models/taxonomy/categories";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const category = url.searchParams.get("category") ?? "";
  const skills = await listSkillsForOrganisers(user, { q, category: isSkillCategory(category) ? category : undefined });
  return {
    q,
    category: isSkillCategory(category) ? category : "",
    skills: skills.map((s) => ({
      slug: s.slug,
      name: s.name,
      category: skillCategoryLabel(s.category),
      otherNames: s.synonyms.length,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The model checks again; asking first refuses others before their input is read.
  await taxonomyPolicy.authorize(user, "manage_skills", NONE);
  return formAction(request, addSkillForm, async (form) => {
    const skill = await addSkill(user, form);
    return redirectWithFlash(`/hub/taxonomy/${skill.slug}`, { kind: "success", title: `Skill ${skill.name} added` });
  });
}

export default function Taxonomy() {
  const { skills, q, category } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useNettleForm(addSkillForm, { id: "add-skill", lastResult: reply });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub">
          Hub dashboard
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-l">Skills</h1>
        <p className="govuk-body">
          Councils ask for these skills and people list them on their profiles. Other names help search find a skill
          whatever people call it. <Link to="/hub/taxonomy/proposals">Skills people have proposed</Link>.
        </p>
        <Form method="get" className="nettle-inline-fields" role="search" aria-label="Skills">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="q">
              Name or other name
            </label>
            <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={q} />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="category">
              Category
            </label>
            <select className="govuk-select" id="category" name="category" defaultValue={category}>
              <option value="">All categories</option>
              {SKILL_CATEGORIES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Filter
          </button>
        </Form>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {skills.length} {skills.length === 1 ? "skill" : "skills"}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Skill
              </th>
              <th scope="col" className="govuk-table__header">
                Category
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Other names
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {skills.map((skill) => (
              <tr className="govuk-table__row" key={skill.slug}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/hub/taxonomy/${skill.slug}`}>
                    {skill.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{skill.category}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{skill.otherNames}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 className="govuk-heading-m">Add a skill</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <SkillFields fields={fields} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Add skill
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Skills – Nettle hub" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
