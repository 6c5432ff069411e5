import { describe, expect, test } from "vitest";
import { parseRepositoryReference, REFERENCE_HELP } from "~/models/repositories/reference";

// Every way a lead might paste a repository, and what Nettle makes of it.

const accepted: [string, string][] = [
  ["nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["  nettle-hub/bin-routes  ", "nettle-hub/bin-routes"],
  ["nettle-hub/bin-routes/", "nettle-hub/bin-routes"],
  ["nettle-hub/bin-routes.git", "nettle-hub/bin-routes"],
  ["Nettle-Hub/Bin_Routes.v2", "Nettle-Hub/Bin_Routes.v2"],
  ["https://github.com/nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["http://github.com/nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["https://www.github.com/nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["www.github.com/nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["github.com/nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["HTTPS://GitHub.com/nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes.git", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes/", "nettle-hub/bin-routes"],
  ["git@github.com:nettle-hub/bin-routes.git", "nettle-hub/bin-routes"],
  ["git@github.com:nettle-hub/bin-routes", "nettle-hub/bin-routes"],
  ["ssh://git@github.com/nettle-hub/bin-routes.git", "nettle-hub/bin-routes"],
  ["git://github.com/nettle-hub/bin-routes.git", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes/blob/main/README.md", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes/tree/dev", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes/tree/feature/maps/src", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes/issues/12", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes/pull/7/files", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes?tab=readme-ov-file", "nettle-hub/bin-routes"],
  ["https://github.com/nettle-hub/bin-routes#readme", "nettle-hub/bin-routes"],
  ["https://github.com/a/b", "a/b"],
  [`https://github.com/${"a".repeat(39)}/${"r".repeat(100)}`, `${"a".repeat(39)}/${"r".repeat(100)}`],
  ["octo-cat-1/.github", "octo-cat-1/.github"],
];

const refused: [string, string][] = [
  ["", "empty"],
  ["   ", "only spaces"],
  ["bin-routes", "no owner"],
  ["nettle-hub", "an owner alone"],
  ["https://github.com/nettle-hub", "an organisation's page"],
  ["https://github.com/orgs/nettle-hub/repositories", "an organisation's repository list"],
  ["https://github.com/settings/profile", "GitHub's own pages"],
  ["https://gist.github.com/octocat/6cad326836d38bd3a7ae", "a gist"],
  ["https://gitlab.com/nettle-hub/bin-routes", "another host"],
  ["https://github.com.evil.example/nettle-hub/bin-routes", "a lookalike host"],
  ["https://evil.example/github.com/nettle-hub/bin-routes", "github.com in the path"],
  ["https://user:pass@github.com/nettle-hub/bin-routes", "credentials in the address"],
  ["https://github.com:8443/nettle-hub/bin-routes", "another port"],
  ["ftp://github.com/nettle-hub/bin-routes", "another scheme"],
  ["javascript:alert(1)//github.com/a/b", "a javascript: address"],
  ["data:text/html,github.com/a/b", "a data: address"],
  ["git@gitlab.com:nettle-hub/bin-routes.git", "SSH to another host"],
  ["nettle hub/bin routes", "spaces inside"],
  ["nettle-hub/bin-routes/extra", "three parts"],
  ["-nettle/bin-routes", "owner starting with a hyphen"],
  ["nettle-/bin-routes", "owner ending with a hyphen"],
  ["net--tle/bin-routes", "owner with two hyphens together"],
  [`${"a".repeat(40)}/bin-routes`, "owner longer than 39"],
  ["nettle_hub/bin-routes", "owner with an underscore"],
  [`nettle-hub/${"r".repeat(101)}`, "name longer than 100"],
  ["nettle-hub/.", "name ."],
  ["nettle-hub/..", "name .."],
  ["nettle-hub/bin routes", "name with a space"],
  ["nettle-hub/bin%2Froutes", "encoded slash"],
  ["nettle-hub/bin\u0000routes", "NUL byte"],
  ["nettle-hub/bin-routes\u202e", "right-to-left override"],
  ["nеttle-hub/bin-routes", "Cyrillic е lookalike in owner"],
  ["https://github.com/nеttle-hub/bin-routes", "Cyrillic е lookalike in a URL"],
  ["https://xn--gthub-n4a.com/a/b", "punycode lookalike host"],
  ["nettle-hub／bin-routes", "fullwidth slash"],
  ["x".repeat(2000), "2,000 characters"],
  [`https://github.com/a/b?${"q".repeat(2000)}`, "2,000-character address"],
];

describe("reading a repository reference", () => {
  test.each(accepted)("%s is %s", (input, expected) => {
    const result = parseRepositoryReference(input);
    expect(result).toEqual({ ok: true, reference: { owner: expected.split("/")[0], name: expected.split("/")[1] } });
  });

  test.each(refused)("%s is refused (%s), saying which forms work", (input) => {
    const result = parseRepositoryReference(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/owner\/name|GitHub address/);
  });

  test("the message names both forms with an example", () => {
    const result = parseRepositoryReference("https://gitlab.com/a/b");
    expect(result).toEqual({ ok: false, message: REFERENCE_HELP });
    expect(REFERENCE_HELP).toContain("https://github.com/");
  });

  test("anything that is not text is refused, not thrown", () => {
    for (const input of [undefined, null, 42, {}, ["a/b"]]) expect(parseRepositoryReference(input).ok).toBe(false);
  });
});
