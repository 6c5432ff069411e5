import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Radios, TextField } from "~/components/forms";
import { SearchDegradedNotice } from "~/components/search-degraded-notice";
import { TableHead } from "~/components/table-head";
import { fieldError, useNettleForm, type MaybeReply } from "~/components/use-form";
import { skillLevelOptions } from "~/models/profiles/labels";
import { addSkillForm, MAX_PROFILE_SKILLS, type SkillLevelValue } from "~/models/profiles/schemas";

// The skills on a profile, without JavaScript: a search (GET) lists skills from the taxonomy
// for a typed word; one is added with a level; each chosen skill has its own small form to
// change its level or remove it.

interface ChosenSkill {
  id: string;
  name: string;
  level: SkillLevelValue;
}

export function useAddSkillForm(lastResult: MaybeReply) {
  return useNettleForm(addSkillForm, { id: "add-skill", lastResult, defaultValue: { level: "practised" } });
}

export function SkillsEditor({
  skills,
  query,
  matches,
  degraded,
  addForm: [form, fields],
}: {
  skills: ChosenSkill[];
  query: string;
  matches: { id: string; name: string; category: string }[] | null;
  /** Meilisearch was away: the list comes from a plainer search. */
  degraded: boolean;
  addForm: ReturnType<typeof useAddSkillForm>;
}) {
  return (
    <>
      <h2 className="govuk-heading-l" id="skills">
        Your skills
      </h2>
      {skills.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">Skills on your profile</caption>
          <TableHead columns={["Skill", "How well you know it", { hidden: "Action" }]} />
          <tbody className="govuk-table__body">
            {skills.map((skill) => (
              <tr className="govuk-table__row" key={skill.id}>
                <th scope="row" className="govuk-table__header">
                  {skill.name}
                </th>
                <td className="govuk-table__cell" colSpan={2}>
                  <Form method="post">
                    <input type="hidden" name="skillId" value={skill.id} />
                    <label className="govuk-label govuk-visually-hidden" htmlFor={`level-${skill.id}`}>
                      How well you know {skill.name}
                    </label>
                    <select className="govuk-select govuk-!-margin-right-2 govuk-!-margin-bottom-2" id={`level-${skill.id}`} name="level" defaultValue={skill.level}>
                      {skillLevelOptions.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <button
                      type="submit"
                      name="intent"
                      value="set-level"
                      className="govuk-button govuk-button--secondary govuk-!-margin-right-2 govuk-!-margin-bottom-2"
                      data-module="govuk-button"
                    >
                      Change<span className="govuk-visually-hidden"> level of {skill.name}</span>
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="remove-skill"
                      className="govuk-button govuk-button--warning govuk-!-margin-bottom-2"
                      data-module="govuk-button"
                    >
                      Remove<span className="govuk-visually-hidden"> {skill.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-inset-text">You have not added any skills yet. Councils find people by their skills.</p>
      )}

      <h3 className="govuk-heading-m">Add a skill</h3>
      {skills.length >= MAX_PROFILE_SKILLS ? (
        <p className="govuk-body">You have {MAX_PROFILE_SKILLS} skills, the most a profile can list. Remove one to add another.</p>
      ) : null}
      <Form method="get" action="/account/profile#add-skill-results" role="search">
        <TextField
          name="q"
          id="skill-search"
          label="Find a skill"
          hint="Type a skill, tool or method, like ‘mapping’, ‘QGIS’ or ‘surveys’"
          defaultValue={query}
          width="two-thirds"
          spellCheck={false}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search skills
        </button>
      </Form>

      {fieldError(fields.skillId) && !matches?.length ? (
        <p id="skillId" className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {fieldError(fields.skillId)}
        </p>
      ) : null}
      {matches !== null ? (
        <div id="add-skill-results">
          {degraded ? <SearchDegradedNotice /> : null}
          {matches.length > 0 ? (
            <Form method="post" action={`/account/profile?q=${encodeURIComponent(query)}`} {...getFormProps(form)}>
              <input type="hidden" name="intent" value="add-skill" />
              <input type="hidden" name="q" value={query} />
              <Radios
                field={fields.skillId}
                legend={`Skills matching ‘${query}’`}
                options={matches.map((m) => ({ value: m.id, label: m.name, hint: m.category }))}
              />
              <Radios field={fields.level} legend="How well do you know it?" options={skillLevelOptions} />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Add skill
              </button>
            </Form>
          ) : (
            <p className="govuk-body" role="status">
              No skills match ‘{query}’. Try another word for it.
            </p>
          )}
        </div>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/skills/propose">
          Can’t find your skill? Propose it
        </Link>
      </p>
    </>
  );
}
