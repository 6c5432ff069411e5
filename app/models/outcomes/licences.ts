import type { OutcomeLicence } from "~/generated/prisma/enums";

// The open licences an outcome may carry, client-safe (the form lists them). `code` licences
// are for software, so they are checked against the repository's own licence; the others are
// for data, reports and other content.

export interface LicenceInfo {
  label: string;
  /** SPDX identifier, as GitHub reports a repository's licence. */
  spdx: string;
  url: string;
  code: boolean;
}

export const outcomeLicences: Record<OutcomeLicence, LicenceInfo> = {
  ogl_3: {
    label: "Open Government Licence v3.0",
    spdx: "OGL-UK-3.0",
    url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    code: false,
  },
  cc_by_4: { label: "CC BY 4.0", spdx: "CC-BY-4.0", url: "https://creativecommons.org/licenses/by/4.0/", code: false },
  cc_by_sa_4: {
    label: "CC BY-SA 4.0",
    spdx: "CC-BY-SA-4.0",
    url: "https://creativecommons.org/licenses/by-sa/4.0/",
    code: false,
  },
  cc0_1: { label: "CC0 1.0", spdx: "CC0-1.0", url: "https://creativecommons.org/publicdomain/zero/1.0/", code: false },
  mit: { label: "MIT", spdx: "MIT", url: "https://opensource.org/license/mit", code: true },
  apache_2: { label: "Apache 2.0", spdx: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0", code: true },
  bsd_3: {
    label: "BSD 3-Clause",
    spdx: "BSD-3-Clause",
    url: "https://opensource.org/license/bsd-3-clause",
    code: true,
  },
  gpl_3: { label: "GNU GPL v3.0", spdx: "GPL-3.0", url: "https://www.gnu.org/licenses/gpl-3.0.html", code: true },
  agpl_3: { label: "GNU AGPL v3.0", spdx: "AGPL-3.0", url: "https://www.gnu.org/licenses/agpl-3.0.html", code: true },
  mpl_2: {
    label: "Mozilla Public Licence 2.0",
    spdx: "MPL-2.0",
    url: "https://www.mozilla.org/en-US/MPL/2.0/",
    code: true,
  },
};

export const OUTCOME_LICENCE_VALUES = Object.keys(outcomeLicences) as [OutcomeLicence, ...OutcomeLicence[]];

export const CHOOSE_OPEN_LICENCE = "Choose an open licence, such as the Open Government Licence, CC BY 4.0 or MIT";

/** "GPL-3.0-only", "gpl-3.0-or-later" and "GPL-3.0" are the same licence for this check. */
function spdxKey(spdx: string) {
  return spdx
    .trim()
    .toLowerCase()
    .replace(/-(only|or-later)$/, "");
}

export type RepositoryLicenceCheck =
  | { kind: "ok" }
  /** The repository has no licence GitHub recognises: a warning, the team should add one. */
  | { kind: "warning"; message: string }
  /** A code licence that is not the repository's: a field error naming both. */
  | { kind: "mismatch"; message: string };

/**
 * The chosen licence against the repository's (Repository.licenceSpdx). No repository, or a
 * content licence (data and words may be licensed apart from the code), is fine.
 */
export function checkAgainstRepository(
  licence: OutcomeLicence | null | undefined,
  repository: { licenceSpdx: string | null; licenceName: string | null; fullName: string } | null,
): RepositoryLicenceCheck {
  if (!repository) return { kind: "ok" };
  const repoSpdx = repository.licenceSpdx && repository.licenceSpdx !== "NOASSERTION" ? repository.licenceSpdx : null;
  if (!repoSpdx) {
    return {
      kind: "warning",
      message: `${repository.fullName} has no licence GitHub recognises. Add a LICENSE file to the repository so others know they may reuse the code.`,
    };
  }
  if (!licence) return { kind: "ok" };
  const chosen = outcomeLicences[licence];
  if (chosen.code && spdxKey(chosen.spdx) !== spdxKey(repoSpdx)) {
    const theirs = repository.licenceName ? `${repository.licenceName} (${repoSpdx})` : repoSpdx;
    return {
      kind: "mismatch",
      message: `You chose ${chosen.label}, but ${repository.fullName} is licensed under ${theirs}. Choose the repository's licence, or change the repository's licence first`,
    };
  }
  return { kind: "ok" };
}
