import { beforeAll, describe, expect, it } from "vitest";
import { greedyTeams, suggestTeams, type FormationInput, type FormationPerson, type Solver } from "./solve";
import { formationSolver } from "./solver.server";

let solver: Solver;
beforeAll(async () => {
  const loaded = await formationSolver();
  if (!loaded) throw new Error("HiGHS did not load");
  solver = loaded;
});

const potholes = { id: "potholes", title: "Where do potholes come back?", essentialSkills: [{ slug: "sql", name: "SQL" }, { slug: "gis", name: "Geospatial analysis" }], teams: [] };
const bins = { id: "bins", title: "Who misses bin collections?", essentialSkills: [{ slug: "python", name: "Python" }], teams: [] };
const person = (id: string, choices: string[], skills: string[] = []): FormationPerson => ({ id, name: `Person ${id}`, choices, skills });

const sizes = (result: ReturnType<typeof greedyTeams>) => result.teams.map((t) => t.members.length);
const teamOf = (result: ReturnType<typeof greedyTeams>, id: string) => result.teams.find((t) => t.members.some((m) => m.personId === id));

describe("suggested teams (HiGHS)", () => {
  it("moves the only SQL person to the team that needs SQL, so every essential skill is covered", () => {
    const input: FormationInput = {
      teamSizeMin: 2,
      teamSizeMax: 3,
      challenges: [potholes, bins],
      people: [person("ann", ["potholes", "bins"], ["gis"]), person("bob", ["potholes", "bins"]), person("cat", ["bins", "potholes"], ["sql"]), person("dan", ["bins", "potholes"], ["python"]), person("eve", ["bins"])],
    };
    const result = suggestTeams(input, solver);
    expect(result.method).toBe("optimal");
    expect(result.gaps).toEqual([]);
    expect(result.teams.every((t) => t.missing.length === 0)).toBe(true);
    expect(teamOf(result, "cat")?.challengeId).toBe("potholes");
    expect(result.teams.flatMap((t) => t.members.map((m) => m.personId)).sort()).toEqual(["ann", "bob", "cat", "dan", "eve"]);
    // Greedy keeps Cat at her first choice and leaves potholes without SQL.
    const greedy = greedyTeams(input);
    expect(greedy.gaps.map((g) => [g.challengeId, g.skill])).toEqual([["potholes", "sql"]]);
  });

  it("names the skill and the challenge it cannot cover, and why", () => {
    const input: FormationInput = {
      teamSizeMin: 2,
      teamSizeMax: 4,
      challenges: [potholes, bins],
      people: [person("ann", ["potholes"], ["gis"]), person("bob", ["potholes"]), person("dan", ["bins"], ["python"]), person("eve", ["bins"])],
    };
    const result = suggestTeams(input, solver);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({ challengeId: "potholes", skill: "sql", reason: "nobody_shares" });
    expect(result.gaps[0]!.message).toContain("nobody attending shares SQL");
    expect(result.gaps[0]!.message).toContain("Where do potholes come back? – team 1");
  });

  it("says when the only holder of a skill is needed at another challenge", () => {
    const input: FormationInput = {
      teamSizeMin: 2,
      teamSizeMax: 3,
      challenges: [
        { ...potholes, essentialSkills: [{ slug: "sql", name: "SQL" }] },
        { ...bins, essentialSkills: [{ slug: "sql", name: "SQL" }] },
      ],
      people: [person("ann", ["potholes"], ["sql"]), person("bob", ["potholes"]), person("cat", ["bins"]), person("dan", ["bins"])],
    };
    const result = suggestTeams(input, solver);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({ challengeId: "bins", skill: "sql", reason: "needed_elsewhere" });
    expect(result.gaps[0]!.message).toContain("the only person with SQL chose other challenges");
  });

  it("gives everyone their first choice when nothing else asks otherwise, in teams within the size limits", () => {
    const people = Array.from({ length: 23 }, (_, i) => person(`p${i}`, i % 3 === 0 ? ["bins", "potholes"] : ["potholes", "bins"], ["sql", "gis", "python"]));
    const result = suggestTeams({ teamSizeMin: 3, teamSizeMax: 5, challenges: [potholes, bins], people }, solver);
    expect(result.byRank).toEqual({ first: 23, second: 0, third: 0, unranked: 0 });
    expect(result.placed).toBe(23);
    for (const size of sizes(result)) {
      expect(size).toBeGreaterThanOrEqual(3);
      expect(size).toBeLessThanOrEqual(5);
    }
  });

  it("fills an existing team below the minimum before starting new ones, and respects its room", () => {
    const input: FormationInput = {
      teamSizeMin: 3,
      teamSizeMax: 4,
      challenges: [{ ...bins, teams: [{ id: "t1", name: "Bin dippers", members: [{ id: "r0", name: "Zed", skills: [] }] }] }],
      people: [person("a", ["bins"], ["python"]), person("b", ["bins"]), person("c", ["bins"])],
    };
    const result = suggestTeams(input, solver);
    expect(result.teams).toHaveLength(1);
    expect(result.teams[0]).toMatchObject({ existingTeamId: "t1", covered: ["python"] });
    expect(result.teams[0]!.members.map((m) => m.personId).sort()).toEqual(["a", "b", "c", "r0"]);
  });

  it("leaves someone unplaced, and says so, only when the sizes make placing everyone impossible", () => {
    const result = suggestTeams({ teamSizeMin: 3, teamSizeMax: 3, maxTeamsPerChallenge: 1, challenges: [bins], people: [person("a", ["bins"]), person("b", ["bins"]), person("c", ["bins"]), person("d", ["bins"])] }, solver);
    expect(result.placed).toBe(3);
    expect(result.unplaced).toHaveLength(1);
    expect(result.unplaced[0]!.reason).toContain("No team has room");
    expect(result.note).toContain("1 person could not be placed");
  });

  it("sends someone to a challenge they did not rank rather than leave a team too small", () => {
    const result = suggestTeams(
      { teamSizeMin: 2, teamSizeMax: 4, challenges: [potholes, bins], people: [person("a", ["bins"]), person("b", ["bins"]), person("c", ["potholes"])] },
      solver,
    );
    expect(result.unplaced).toEqual([]);
    expect(result.teams).toHaveLength(1);
    expect(result.teams[0]!.challengeId).toBe("bins");
    expect(result.byRank).toMatchObject({ first: 2, unranked: 1 });
    expect(result.gaps.find((g) => g.challengeId === "potholes")?.reason).toBe("no_team");
  });
});

describe("the greedy baseline", () => {
  it("places people first come, first choice while there is room, then their next choice", () => {
    const result = greedyTeams({
      teamSizeMin: 2,
      teamSizeMax: 2,
      maxTeamsPerChallenge: 1,
      challenges: [potholes, bins],
      people: [person("a", ["potholes", "bins"]), person("b", ["potholes", "bins"]), person("c", ["potholes", "bins"]), person("d", ["bins"])],
    });
    expect(teamOf(result, "a")?.challengeId).toBe("potholes");
    expect(teamOf(result, "b")?.challengeId).toBe("potholes");
    expect(teamOf(result, "c")?.challengeId).toBe("bins");
    expect(result.method).toBe("greedy");
    expect(result.byRank).toMatchObject({ first: 3, second: 1 });
  });

  it("is what suggestTeams answers, with a note, when the solver is not available", () => {
    const result = suggestTeams({ teamSizeMin: 1, teamSizeMax: 3, challenges: [bins], people: [person("a", ["bins"])] }, null);
    expect(result.method).toBe("greedy");
    expect(result.note).toContain("could not be loaded");
  });
});
