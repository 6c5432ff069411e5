import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Select } from "~/components/forms";
import { SkillFields } from "~/components/taxonomy/skill-fields";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { NONE } from "~/models/platform/policy.server";
import { skillCategoryLabel } from "~/models/taxonomy/categories";
import { editSkill, linkSkills, mergeSkills, skillForOrganisers, unlinkSkills } from "~/models/taxonomy/manage.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import { skillForm } from "~/models/taxonomy/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await skillForOrganisers(user, params.slug ?? "");
  return { ...view, categoryLabel: skillCategoryLabel(view.skill.category) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The model checks again; asking first refuses others before their input is read.
  await taxonomyPolicy.authorize(user, "manage_skills", NONE);
  const { skill } = await skillForOrganisers(user, params.slug ?? "");
  const here = `/hub/taxonomy/${skill.slug}`;
  return formAction(request, skillForm, async (form) => {
    switch (form.intent) {
      case "edit": {
        const saved = await editSkill(user, skill.id, form);
        return redirectWithFlash(here, { kind: "success", title: `${saved.name} saved` });
      }
      case "link":
        await linkSkills(user, skill.id, form);
        return redirectWithFlash(here, { kind: "success", title: "Skills linked" });
      case "unlink":
        await unlinkSkills(user, form);
        return redirectWithFlash(here, { kind: "success", title: "Link removed" });
      case "merge": {
        const into = await mergeSkills(user, skill.id, form.into);
        return redirectWithFlash(`/hub/taxonomy/${into.slug}`, {
          kind: "success",
          title: `${skill.name} merged into ${into.name}`,
        });
      }
    }
  });
}

type Linked = { id: string; slug: string; name: string; fromId: string; toId: string };

export default function SkillPage() {
  const { skill, usedBy, broader, narrower, related, others, categoryLabel } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [editForm, editFields] = useNettleForm(skillForm, {
    id: "edit-skill",
    lastResult: replyFor(reply, { intent: "edit" }),
    defaultValue: {
      name: skill.name,
      category: skill.category,
      description: skill.description ?? "",
      synonyms: skill.synonyms.join("\n"),
    },
  });
  const [linkForm, linkFields] = useNettleForm(skillForm, {
    id: "link-skill",
    lastResult: replyFor(reply, { intent: "link" }),
  });
  const [mergeForm, mergeFields] = useNettleForm(skillForm, {
    id: "merge-skill",
    lastResult: replyFor(reply, { intent: "merge" }),
  });
  const choices = others.map((o) => ({ value: o.slug, label: o.name }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/hub/taxonomy">
          Skills
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{categoryLabel}</span>
        <h1 className="govuk-heading-l">{skill.name}</h1>
        <p className="govuk-body">
          {usedBy.people} {usedBy.people === 1 ? "person lists" : "people list"} it; {usedBy.challenges}{" "}
          {usedBy.challenges === 1 ? "challenge asks" : "challenges ask"} for it.
        </p>

        <h2 className="govuk-heading-m">Name, description and other names</h2>
        <Form method="post" {...getFormProps(editForm)}>
          <input type="hidden" name="intent" value="edit" />
          <SkillFields fields={editFields} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save skill
          </button>
        </Form>

        <h2 className="govuk-heading-m">Links</h2>
        <p className="govuk-body">
          Someone with a narrower skill is also found for the broader one: a tool implies what it is a tool for. Related
          skills are suggested together but not implied.
        </p>
        <LinkList title="Broader: knowing this implies" kind="broader" links={broader} empty="No broader skills." />
        <LinkList
          title="Narrower: these imply this skill"
          kind="broader"
          links={narrower}
          empty="No narrower skills."
        />
        <LinkList title="Related" kind="related" links={related} empty="No related skills." />
        <Form method="post" {...getFormProps(linkForm)}>
          <input type="hidden" name="intent" value="link" />
          <Radios
            field={linkFields.kind}
            legend="Add a link"
            options={[
              { value: "broader", label: `${skill.name} implies the skill below (it is broader)` },
              { value: "narrower", label: `The skill below implies ${skill.name} (it is narrower)` },
              { value: "related", label: "Related: suggested together, not implied" },
            ]}
          />
          <Select field={linkFields.other} label="Skill" placeholder="Choose a skill" options={choices} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add link
          </button>
        </Form>

        <h2 className="govuk-heading-m">Merge into another skill</h2>
        <p className="govuk-body">
          For a duplicate: the people, challenges, links and proposals of {skill.name} move to the skill you choose, and{" "}
          {skill.name} becomes one of its other names. This cannot be undone.
        </p>
        <Form method="post" {...getFormProps(mergeForm)}>
          <input type="hidden" name="intent" value="merge" />
          <Select field={mergeFields.into} label="Merge into" placeholder="Choose a skill" options={choices} />
          <Radios
            field={mergeFields.confirm}
            legend={`Merge ${skill.name} and remove it?`}
            options={[{ value: "yes", label: `Yes, merge ${skill.name} into the skill I chose` }]}
          />
          <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
            Merge skills
          </button>
        </Form>
      </div>
    </div>
  );
}

function LinkList({
  title,
  kind,
  links,
  empty,
}: {
  title: string;
  kind: "broader" | "related";
  links: Linked[];
  empty: string;
}) {
  return (
    <>
      <h3 className="govuk-heading-s">{title}</h3>
      {links.length === 0 ? (
        <p className="govuk-body">{empty}</p>
      ) : (
        <ul className="govuk-list">
          {links.map((link) => (
            <li key={`${link.fromId}-${link.toId}`}>
              <Form method="post" className="nettle-inline-fields">
                <input type="hidden" name="intent" value="unlink" />
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="fromId" value={link.fromId} />
                <input type="hidden" name="toId" value={link.toId} />
                <Link className="govuk-link" to={`/hub/taxonomy/${link.slug}`}>
                  {link.name}
                </Link>{" "}
                <button
                  type="submit"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  data-module="govuk-button"
                >
                  Remove link<span className="govuk-visually-hidden"> to {link.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.skill.name ?? "Skill"} – Nettle hub` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
