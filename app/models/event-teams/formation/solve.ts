// Suggested teams for an event: who of the people not yet in a team goes where. Pure: no
// database, no clock. The caller passes the HiGHS solver (see solver.server.ts) or null, and
// gets the greedy baseline then.
//
// The mixed-integer program decides, for each person, a challenge (a new team there) or an
// existing team, and how many new teams each challenge gets:
//   y[p,c] binary  person p joins a new team at challenge c (every featured challenge is
//                  allowed, unranked ones cost the most: the cheap fallback that keeps sizes
//                  feasible)
//   x[p,e] binary  person p joins existing team e (only for challenges p ranked, or anyone who
//                  ranked none)
//   u[p]   binary  p is left unplaced (only when sizes make placing everyone impossible)
//   n[c]   integer new teams at c;  min·n[c] ≤ Σp y[p,c] ≤ max·n[c],  n[c] ≤ teams allowed
//   z[c,s] ≥ 0     new teams at c that get someone with essential skill s:
//                  z ≤ n[c], z ≤ Σ holders of s in y[·,c]
//   v[e,s] ∈ [0,1] existing team e gains essential skill s it lacks: v ≤ Σ holders in x[·,e]
// minimise Σ rank cost·(x+y) + UNPLACED·u + COVER·(k[c]·n − z) − COVER·v + BALANCE·|Σy − target·n|
//          + SHORT·shortfall, where k[c] is the number of essential skills someone attending has
// Working on challenges rather than numbered team slots keeps the model free of symmetric
// copies (200 people × 12 challenges is 2,400 binaries), so HiGHS proves optimality quickly.
// The people at each challenge are then split into its n[c] teams of even size, handing out
// the holders of each essential skill (rarest skill first) so that every team gets one where
// the program counted it; coverage reported is that of the actual split.

export interface FormationPerson {
  id: string;
  name: string;
  /** Featured challenges the person ranked, first choice first. */
  choices: string[];
  /** Skill slugs held, including broader skills they imply (only for people who share skills). */
  skills: string[];
}

export interface FormationTeam {
  id: string;
  name: string;
  members: { id: string; name: string; skills: string[] }[];
}

export interface FormationChallenge {
  id: string;
  title: string;
  essentialSkills: { slug: string; name: string }[];
  /** Teams already formed at this challenge, with their members. */
  teams: FormationTeam[];
}

export interface FormationInput {
  people: FormationPerson[];
  challenges: FormationChallenge[];
  teamSizeMin: number;
  teamSizeMax: number;
  /** Teams allowed per challenge, existing ones included; default enough for everyone. */
  maxTeamsPerChallenge?: number;
  /**
   * Seconds the whole suggestion may take (default 1.5): HiGHS gets what is left after
   * building and reading the model, and its best solution so far is taken when time is up.
   */
  timeLimitSeconds?: number;
}

export interface SuggestedMember {
  personId: string;
  name: string;
  /** 1 = first choice; null when they did not rank this challenge. */
  rank: number | null;
  /** Already in this team before the suggestion. */
  existing: boolean;
  /** Essential skills of the challenge this person brings. */
  covers: string[];
}

export interface SkillGap {
  challengeId: string;
  challengeTitle: string;
  skill: string;
  skillName: string;
  /** The team lacking it, or null when no team works on the challenge at all. */
  teamKey: string | null;
  reason: "nobody_shares" | "needed_elsewhere" | "no_team";
  message: string;
}

export interface SuggestedTeam {
  /** "team:<id>" for an existing team, "new:<challengeId>:<n>" for a new one. */
  key: string;
  existingTeamId: string | null;
  challengeId: string;
  challengeTitle: string;
  name: string;
  members: SuggestedMember[];
  covered: string[];
  missing: string[];
}

export interface FormationResult {
  /** optimal: proven best; time_limit: the best HiGHS found in the time allowed; greedy: the baseline. */
  method: "optimal" | "time_limit" | "greedy";
  teams: SuggestedTeam[];
  unplaced: { personId: string; name: string; reason: string }[];
  gaps: SkillGap[];
  /** People placed by this suggestion, and how far from their first choice. */
  placed: number;
  byRank: { first: number; second: number; third: number; unranked: number };
  /** Mean distance from first choice in ranks (unranked counts as 3). */
  meanDistance: number;
  note: string | null;
}

/** The parts of the loaded HiGHS runtime (`await highs()`) this module uses. */
export interface Solver {
  withModel<Result>(source: { format: "lp"; data: string }, operation: (model: SolverModel) => Result): Result;
}
interface SolverModel {
  options: { set(values: Record<string, string | number | boolean>): unknown };
  getColByName(name: string): number;
  setSolution(solution: { indices: number[]; values: number[] }): unknown;
  run(): { modelStatus: number };
  getSolution(): { colValue: ArrayLike<number> };
}

const OPTIMAL = 7;
const TIME_LIMIT = 13;

const RANK_COST = [0, 1, 3];
const UNRANKED_COST = 6;
const COVER = 20;
const UNPLACED = 1000;
const SHORT = 30;
const BALANCE = 0.5;
/** HiGHS stops when the answer is proven within this fraction of the best possible. */
export const MIP_GAP = 0.005;

export const rankCost = (rank: number | null) => (rank === null ? UNRANKED_COST : (RANK_COST[rank - 1] ?? UNRANKED_COST));

const rankOf = (person: FormationPerson, challengeId: string) => {
  const index = person.choices.indexOf(challengeId);
  return index === -1 ? null : index + 1;
};

function teamsAllowed(input: FormationInput) {
  return input.maxTeamsPerChallenge ?? Math.max(1, Math.ceil((input.people.length + totalExisting(input)) / Math.max(1, input.teamSizeMin)));
}

const totalExisting = (input: FormationInput) => input.challenges.reduce((sum, c) => sum + c.teams.reduce((s, t) => s + t.members.length, 0), 0);

interface Placement {
  /** challengeId for a new team, or the existing team's id. */
  pool: Map<string, FormationPerson[]>;
  existing: Map<string, FormationPerson[]>;
  newTeams: Map<string, number>;
  unplaced: FormationPerson[];
}

/** The suggestion: HiGHS when given, else the greedy baseline. */
export function suggestTeams(input: FormationInput, solver: Solver | null): FormationResult {
  const began = performance.now();
  checkInput(input);
  if (!solver) return greedyTeams(input, "The solver could not be loaded, so this is the simple first-come suggestion.");
  const solved = solveMip(input, solver, greedyPlacement(input), began);
  if (!solved) return greedyTeams(input, "The solver found no answer in time, so this is the simple first-come suggestion.");
  return describe(input, solved.placement, solved.proven ? "optimal" : "time_limit");
}

function checkInput(input: FormationInput) {
  if (!(input.teamSizeMin >= 1 && input.teamSizeMax >= input.teamSizeMin)) throw new Error("Team sizes must satisfy 1 ≤ min ≤ max.");
}

function solveMip(input: FormationInput, solver: Solver, start: Placement, began: number): { placement: Placement; proven: boolean } | null {
  const { people, challenges, teamSizeMin: min, teamSizeMax: max } = input;
  const allowed = teamsAllowed(input);
  const target = (min + max) / 2;
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const generals: string[] = [];
  const yVars = new Map<string, { p: number; c: number }>();
  const xVars = new Map<string, { p: number; e: FormationTeam }>();
  const term = (coef: number, name: string) => `${coef >= 0 ? "+" : "-"} ${Math.abs(coef)} ${name}`;

  const placeTerms: string[][] = people.map(() => []);
  const poolTerms: string[][] = challenges.map(() => []);
  people.forEach((person, p) => {
    challenges.forEach((challenge, c) => {
      const name = `y_${p}_${c}`;
      yVars.set(name, { p, c });
      binaries.push(name);
      objective.push(term(rankCost(rankOf(person, challenge.id)), name));
      placeTerms[p]!.push(name);
      poolTerms[c]!.push(name);
    });
    objective.push(term(UNPLACED, `u_${p}`));
    binaries.push(`u_${p}`);
    placeTerms[p]!.push(`u_${p}`);
  });

  challenges.forEach((challenge, c) => {
    challenge.teams.forEach((team, t) => {
      const candidates = people
        .map((person, p) => ({ person, p }))
        .filter(({ person }) => person.choices.length === 0 || person.choices.includes(challenge.id));
      const names = candidates.map(({ person, p }) => {
        const name = `x_${p}_${c}_${t}`;
        xVars.set(name, { p, e: team });
        binaries.push(name);
        objective.push(term(rankCost(rankOf(person, challenge.id)), name));
        placeTerms[p]!.push(name);
        return name;
      });
      const size = team.members.length;
      if (names.length) rows.push(`cap_${c}_${t}: ${names.join(" + ")} <= ${Math.max(0, max - size)}`);
      // An empty team (everyone left it) is not asked to be filled: it is simply unused.
      if (size > 0 && size < min) {
        const short = `short_${c}_${t}`;
        objective.push(term(SHORT, short));
        rows.push(`fill_${c}_${t}: ${[...names, short].join(" + ")} >= ${min - size}`);
      }
      for (const skill of challenge.essentialSkills) {
        if (team.members.some((m) => m.skills.includes(skill.slug))) continue;
        const holders = candidates.filter(({ person }) => person.skills.includes(skill.slug)).map(({ p }) => `x_${p}_${c}_${t}`);
        if (!holders.length) continue;
        const v = `v_${c}_${t}_${skillIndex(challenge, skill.slug)}`;
        objective.push(term(-COVER, v));
        bounds.push(`0 <= ${v} <= 1`);
        rows.push(`cv_${c}_${t}_${skillIndex(challenge, skill.slug)}: ${v} - ${holders.join(" - ")} <= 0`);
      }
    });
    const n = `n_${c}`;
    generals.push(n);
    bounds.push(`0 <= ${n} <= ${Math.max(0, allowed - challenge.teams.length)}`);
    const pool = poolTerms[c]!;
    rows.push(`lo_${c}: ${pool.join(" + ")} - ${min} ${n} >= 0`);
    rows.push(`hi_${c}: ${pool.join(" + ")} - ${max} ${n} <= 0`);
    // |Σy − target·n| as two non-negative deviations: teams near the middle of the size range.
    rows.push(`bal_${c}: ${pool.join(" + ")} - ${target} ${n} - dp_${c} + dm_${c} = 0`);
    objective.push(term(BALANCE, `dp_${c}`), term(BALANCE, `dm_${c}`));
    // Each new team costs COVER per coverable essential skill, earned back by z when it gets a
    // holder: a team without the skill is penalised, while opening more teams earns nothing.
    let coverable = 0;
    challenge.essentialSkills.forEach((skill, s) => {
      const holders = people.map((person, p) => (person.skills.includes(skill.slug) && yVars.has(`y_${p}_${c}`) ? `y_${p}_${c}` : null)).filter((h): h is string => h !== null);
      if (!holders.length) return;
      coverable++;
      const z = `z_${c}_${s}`;
      objective.push(term(-COVER, z));
      rows.push(`zn_${c}_${s}: ${z} - ${n} <= 0`);
      rows.push(`zh_${c}_${s}: ${z} - ${holders.join(" - ")} <= 0`);
    });
    if (coverable) objective.push(term(COVER * coverable, n));
  });
  placeTerms.forEach((terms, p) => rows.push(`one_${p}: ${terms.join(" + ")} = 1`));

  if (!rows.length) return { placement: emptyPlacement(), proven: true };
  const lp = [
    "Minimize",
    ` obj: ${objective.join(" ")}`,
    "Subject To",
    ...rows.map((r) => ` ${r}`),
    "Bounds",
    ...bounds.map((b) => ` ${b}`),
    "General",
    ` ${generals.join(" ")}`,
    "Binary",
    ` ${binaries.join(" ")}`,
    "End",
  ].join("\n");

  // The greedy baseline is handed to HiGHS as a starting solution: what comes back, even when
  // the time limit stops the search, is never worse than greedy by the objective.
  const startValues = new Map<string, number>();
  people.forEach((_, p) => startValues.set(`u_${p}`, 0));
  for (const name of [...yVars.keys(), ...xVars.keys()]) startValues.set(name, 0);
  challenges.forEach((challenge, c) => {
    startValues.set(`n_${c}`, start.newTeams.get(challenge.id) ?? 0);
    for (const person of start.pool.get(challenge.id) ?? []) startValues.set(`y_${people.indexOf(person)}_${c}`, 1);
    challenge.teams.forEach((team, t) => {
      for (const person of start.existing.get(team.id) ?? []) startValues.set(`x_${people.indexOf(person)}_${c}_${t}`, 1);
    });
  });
  for (const person of start.unplaced) startValues.set(`u_${people.indexOf(person)}`, 1);

  let outcome: { status: number; value: (name: string) => number };
  try {
    outcome = solver.withModel({ format: "lp", data: lp }, (model) => {
      model.options.set({ output_flag: false, mip_rel_gap: MIP_GAP });
      const indices: number[] = [];
      const values: number[] = [];
      for (const [name, value] of startValues) {
        const index = model.getColByName(name);
        if (index < 0) continue;
        indices.push(index);
        values.push(value);
      }
      try {
        model.setSolution({ indices, values });
      } catch {
        // A start HiGHS refuses only costs time, not the answer.
      }
      // What is left of the budget, keeping a quarter of a second to read the answer and word it.
      const left = (input.timeLimitSeconds ?? 1.5) - (performance.now() - began) / 1000 - 0.25;
      model.options.set({ time_limit: Math.max(0.2, left) });
      const { modelStatus } = model.run();
      const colValue = Array.from(model.getSolution().colValue);
      const columns = new Map<string, number>();
      const value = (name: string) => {
        if (!columns.has(name)) {
          const index = model.getColByName(name);
          columns.set(name, index >= 0 ? (colValue[index] ?? 0) : 0);
        }
        return columns.get(name)!;
      };
      // Read every column needed before the model is disposed.
      for (const name of [...yVars.keys(), ...xVars.keys()]) value(name);
      people.forEach((_, p) => value(`u_${p}`));
      challenges.forEach((_, c) => value(`n_${c}`));
      return { status: modelStatus, value: (name: string) => columns.get(name) ?? 0 };
    });
  } catch {
    return null;
  }
  const proven = outcome.status === OPTIMAL;
  if (!proven && outcome.status !== TIME_LIMIT) return null;
  const on = (name: string) => outcome.value(name) > 0.5;

  const placement = emptyPlacement();
  for (const [name, { p, c }] of yVars) {
    if (!on(name)) continue;
    const id = challenges[c]!.id;
    placement.pool.set(id, [...(placement.pool.get(id) ?? []), people[p]!]);
  }
  for (const [name, { p, e }] of xVars) {
    if (!on(name)) continue;
    placement.existing.set(e.id, [...(placement.existing.get(e.id) ?? []), people[p]!]);
  }
  people.forEach((person, p) => {
    if (on(`u_${p}`)) placement.unplaced.push(person);
  });
  challenges.forEach((challenge, c) => {
    const n = Math.round(outcome.value(`n_${c}`));
    placement.newTeams.set(challenge.id, n);
  });
  // A time-limited answer is feasible by HiGHS's definition; check it anyway before trusting it.
  for (const challenge of challenges) {
    const size = placement.pool.get(challenge.id)?.length ?? 0;
    const n = placement.newTeams.get(challenge.id) ?? 0;
    if (size < min * n || size > max * n) return null;
  }
  const counted = [...placement.pool.values(), ...placement.existing.values(), placement.unplaced].reduce((n, list) => n + list.length, 0);
  if (counted !== people.length) return null;
  return { placement, proven };
}

const skillIndex = (challenge: FormationChallenge, slug: string) => challenge.essentialSkills.findIndex((s) => s.slug === slug);

const emptyPlacement = (): Placement => ({ pool: new Map(), existing: new Map(), newTeams: new Map(), unplaced: [] });

/**
 * The baseline: in the order given, each person joins their first choice with room (an
 * existing or already started team with a place, else a new team while the challenge may have
 * more), else their next choice, else any challenge with room. Teams left below the minimum
 * are broken up and their people placed again, where room is left.
 */
export function greedyTeams(input: FormationInput, note: string | null = null): FormationResult {
  checkInput(input);
  const placement = greedyPlacement(input);
  return describe(input, placement, "greedy", note, placement.presplit);
}

function greedyPlacement(input: FormationInput): Placement & { presplit: Map<string, FormationPerson[][]> } {
  const { people, challenges, teamSizeMin: min, teamSizeMax: max } = input;
  const allowed = teamsAllowed(input);
  type Slot = { challengeId: string; existing: FormationTeam | null; people: FormationPerson[] };
  const slots: Slot[] = challenges.flatMap((c) => c.teams.map((team) => ({ challengeId: c.id, existing: team, people: [] as FormationPerson[] })));
  const sizeOf = (slot: Slot) => slot.people.length + (slot.existing?.members.length ?? 0);
  const teamsAt = (id: string) => slots.filter((s) => s.challengeId === id).length;
  const tryPlace = (person: FormationPerson, challengeId: string, allowNew: boolean) => {
    const open = slots.find((s) => s.challengeId === challengeId && sizeOf(s) < max);
    if (open) return open.people.push(person), true;
    if (allowNew && teamsAt(challengeId) < allowed) return slots.push({ challengeId, existing: null, people: [person] }), true;
    return false;
  };
  const unplaced: FormationPerson[] = [];
  const place = (person: FormationPerson, allowNew: boolean) => {
    const order = [...person.choices.filter((id) => challenges.some((c) => c.id === id)), ...challenges.map((c) => c.id).filter((id) => !person.choices.includes(id))];
    if (!order.some((id) => tryPlace(person, id, allowNew))) unplaced.push(person);
  };
  for (const person of people) place(person, true);
  const small = slots.filter((s) => !s.existing && s.people.length < min);
  const leftovers = small.flatMap((s) => s.people);
  for (const s of small) slots.splice(slots.indexOf(s), 1);
  for (const person of leftovers) place(person, false);

  const placement = emptyPlacement();
  for (const slot of slots) {
    if (slot.existing) {
      if (slot.people.length) placement.existing.set(slot.existing.id, slot.people);
      continue;
    }
    placement.pool.set(slot.challengeId, [...(placement.pool.get(slot.challengeId) ?? []), ...slot.people]);
    placement.newTeams.set(slot.challengeId, (placement.newTeams.get(slot.challengeId) ?? 0) + 1);
  }
  // Keep greedy's own team boundaries: split each pool back into the slots it filled.
  const presplit = new Map<string, FormationPerson[][]>();
  for (const slot of slots) if (!slot.existing) presplit.set(slot.challengeId, [...(presplit.get(slot.challengeId) ?? []), slot.people]);
  placement.unplaced.push(...unplaced);
  return { ...placement, presplit };
}

/** Splits each challenge's people into its new teams and words the result. */
function describe(
  input: FormationInput,
  placement: Placement,
  method: FormationResult["method"],
  note: string | null = null,
  presplit?: Map<string, FormationPerson[][]>,
): FormationResult {
  const { challenges } = input;
  const teams: SuggestedTeam[] = [];
  const member = (person: FormationPerson, challenge: FormationChallenge, existing: boolean): SuggestedMember => ({
    personId: person.id,
    name: person.name,
    rank: rankOf(person, challenge.id),
    existing,
    covers: challenge.essentialSkills.filter((s) => person.skills.includes(s.slug)).map((s) => s.slug),
  });
  for (const challenge of challenges) {
    for (const team of challenge.teams) {
      const joining = placement.existing.get(team.id) ?? [];
      const members: SuggestedMember[] = [
        ...team.members.map((m) => ({
          personId: m.id,
          name: m.name,
          rank: null,
          existing: true,
          covers: challenge.essentialSkills.filter((s) => m.skills.includes(s.slug)).map((s) => s.slug),
        })),
        ...joining.map((p) => member(p, challenge, false)),
      ];
      teams.push(withCoverage({ key: `team:${team.id}`, existingTeamId: team.id, challengeId: challenge.id, challengeTitle: challenge.title, name: team.name, members, covered: [], missing: [] }, challenge));
    }
    const groups = presplit?.get(challenge.id) ?? split(placement.pool.get(challenge.id) ?? [], placement.newTeams.get(challenge.id) ?? 0, challenge);
    const taken = new Set(challenge.teams.map((t) => t.name));
    let number = 0;
    for (const group of groups) {
      if (!group.length) continue;
      let name: string;
      do name = `${challenge.title} – team ${++number}`;
      while (taken.has(name));
      teams.push(
        withCoverage(
          { key: `new:${challenge.id}:${number}`, existingTeamId: null, challengeId: challenge.id, challengeTitle: challenge.title, name, members: group.map((p) => member(p, challenge, false)), covered: [], missing: [] },
          challenge,
        ),
      );
    }
  }

  const gaps = explainGaps(input, teams);
  const newlyPlaced = teams.flatMap((t) => t.members.filter((m) => !m.existing));
  const byRank = { first: 0, second: 0, third: 0, unranked: 0 };
  let distance = 0;
  for (const m of newlyPlaced) {
    if (m.rank === 1) byRank.first++;
    else if (m.rank === 2) byRank.second++;
    else if (m.rank === 3) byRank.third++;
    else byRank.unranked++;
    distance += m.rank === null ? 3 : Math.min(3, m.rank - 1);
  }
  const unplaced = placement.unplaced.map((p) => ({
    personId: p.id,
    name: p.name,
    reason: `No team has room for ${p.name} within the team sizes (${input.teamSizeMin} to ${input.teamSizeMax}) and the number of teams allowed.`,
  }));
  if (unplaced.length && !note) note = `${unplaced.length === 1 ? "1 person could" : `${unplaced.length} people could`} not be placed: the team sizes and the number of teams allowed leave no room.`;
  return {
    method,
    teams,
    unplaced,
    gaps,
    placed: newlyPlaced.length,
    byRank,
    meanDistance: newlyPlaced.length ? distance / newlyPlaced.length : 0,
    note,
  };
}

function withCoverage(team: SuggestedTeam, challenge: FormationChallenge): SuggestedTeam {
  const held = new Set(team.members.flatMap((m) => m.covers));
  return {
    ...team,
    covered: challenge.essentialSkills.filter((s) => held.has(s.slug)).map((s) => s.slug),
    missing: challenge.essentialSkills.filter((s) => !held.has(s.slug)).map((s) => s.slug),
  };
}

/**
 * n teams of even size (they differ by at most one). Holders of each essential skill are
 * dealt first, rarest skill first, each to a team still without that skill; then the rest.
 */
function split(pool: FormationPerson[], n: number, challenge: FormationChallenge): FormationPerson[][] {
  if (n <= 0 || !pool.length) return [];
  const sizes = Array.from({ length: n }, (_, i) => Math.floor(pool.length / n) + (i < pool.length % n ? 1 : 0));
  const groups: FormationPerson[][] = sizes.map(() => []);
  const left = new Set(pool);
  const has = (g: FormationPerson[], slug: string) => g.some((p) => p.skills.includes(slug));
  const skills = [...challenge.essentialSkills].sort((a, b) => pool.filter((p) => p.skills.includes(a.slug)).length - pool.filter((p) => p.skills.includes(b.slug)).length);
  for (const skill of skills) {
    for (let g = 0; g < n; g++) {
      if (has(groups[g]!, skill.slug) || groups[g]!.length >= sizes[g]!) continue;
      // The holder bringing the fewest other essential skills, so multi-skilled people stay for other gaps.
      const holder = [...left]
        .filter((p) => p.skills.includes(skill.slug))
        .sort((a, b) => essentialCount(a, challenge) - essentialCount(b, challenge))[0];
      if (!holder) break;
      groups[g]!.push(holder);
      left.delete(holder);
    }
  }
  for (const person of left) {
    const g = groups.findIndex((group, i) => group.length < sizes[i]!);
    groups[g]!.push(person);
  }
  return groups;
}

const essentialCount = (person: FormationPerson, challenge: FormationChallenge) => challenge.essentialSkills.filter((s) => person.skills.includes(s.slug)).length;

/** Each essential skill a team (or a challenge without a team) lacks, and why, in words. */
function explainGaps(input: FormationInput, teams: SuggestedTeam[]): SkillGap[] {
  const everyone = [
    ...input.people.map((p) => ({ skills: p.skills, choices: p.choices as string[] | null })),
    ...input.challenges.flatMap((c) => c.teams.flatMap((t) => t.members.map((m) => ({ skills: m.skills, choices: null })))),
  ];
  const gaps: SkillGap[] = [];
  for (const challenge of input.challenges) {
    const own = teams.filter((t) => t.challengeId === challenge.id);
    for (const skill of challenge.essentialSkills) {
      const holders = everyone.filter((p) => p.skills.includes(skill.slug));
      const base = { challengeId: challenge.id, challengeTitle: challenge.title, skill: skill.slug, skillName: skill.name };
      if (!own.length) {
        gaps.push({
          ...base,
          teamKey: null,
          reason: "no_team",
          message: `No team works on “${challenge.title}”, so nobody covers ${skill.name}: too few people chose it to make a team of ${input.teamSizeMin}.`,
        });
        continue;
      }
      for (const team of own.filter((t) => t.missing.includes(skill.slug))) {
        const chose = holders.filter((h) => h.choices?.includes(challenge.id)).length;
        gaps.push({
          ...base,
          teamKey: team.key,
          reason: holders.length ? "needed_elsewhere" : "nobody_shares",
          message: `${team.name} has nobody with ${skill.name}: ${
            !holders.length
              ? `nobody attending shares ${skill.name}`
              : holders.length === 1
                ? chose
                  ? `the only person with ${skill.name} is needed in another team`
                  : `the only person with ${skill.name} chose other challenges`
                : chose
                  ? `the only ${holders.length} people with ${skill.name} are needed in other teams`
                  : `the only ${holders.length} people with ${skill.name} chose other challenges`
          }.`,
        });
      }
    }
  }
  return gaps;
}
