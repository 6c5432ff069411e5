import type { ChallengeStatus } from "~/generated/prisma/enums";

// The demo council's challenges, written the way an officer writes them. Plain data: the demo
// seed feeds each one through the intake wizard and the lifecycle, as an officer and a hub
// organiser would, so search, feeds and the API see them like any other challenge.

export interface DemoDataset {
  title: string;
  description: string;
  format: string;
  link?: string;
  licence: "ogl" | "cc_by" | "other" | "not_licensed";
  sensitivity: "open" | "official" | "official_sensitive";
  personalData: boolean;
  dpia: "yes" | "no" | "not_needed";
  accessRoute: "open_download" | "on_request_dsa" | "secure_environment" | "synthetic_sample";
}

export interface DemoChallenge {
  /** Where the demo leaves it: a draft stops part-way through the wizard. */
  status: Extract<ChallengeStatus, "draft" | "submitted" | "open" | "in_progress" | "delivered" | "outcome_published" | "closed">;
  title: string;
  problem: string;
  whoIsAffected: string;
  whyItMatters: string;
  outcomeWanted: string;
  successMeasures: string;
  themes: string[];
  area: string;
  skills: [slug: string, importance: "essential" | "helpful"][];
  team: { min: number; max: number; time: string; monthsToDeadline: number | null };
  datasets: DemoDataset[];
}

const ogl = { licence: "ogl", sensitivity: "open", personalData: false, dpia: "not_needed", accessRoute: "open_download" } as const;

export const demoChallenges: DemoChallenge[] = [
  {
    status: "open",
    title: "Which streets flood first when the Calder is high?",
    problem:
      "When the River Calder is high, surface water has nowhere to go and the same streets in Castleford and Normanton flood again and again. " +
      "We send gully crews on a rota that was set years ago, not by where the water actually collects.\n\n" +
      "We have ten years of flood reports, gully cleaning records and river levels, but they have never been looked at together.",
    whoIsAffected: "Residents and businesses on low-lying streets, and the drainage team who respond on the night",
    whyItMatters:
      "Each flood costs families their carpets, cars and sometimes their homes for months. Roads close, buses divert and the emergency response costs us around £40,000 a night.",
    outcomeWanted: "A map of the streets most at risk, ranked, that the drainage team can use to plan gully cleaning before a wet spell.",
    successMeasures: "The drainage team uses the map in weekly planning; fewer emergency call-outs to the same streets next winter.",
    themes: ["environment-and-climate", "transport"],
    area: "Castleford Central and Glasshoughton, Normanton, Altofts and Whitwood",
    skills: [
      ["geospatial-analysis", "essential"],
      ["spatial-statistics", "helpful"],
      ["python", "helpful"],
    ],
    team: { min: 2, max: 5, time: "A few hours a week for 8 weeks", monthsToDeadline: 4 },
    datasets: [
      { ...ogl, title: "Flood incident reports 2014 to 2024", description: "Date, location (to the street) and type of each report.", format: "CSV" },
      { ...ogl, title: "Gully cleaning records", description: "Every gully, when it was last cleaned and what was found.", format: "CSV" },
      {
        title: "Households that reported flooding",
        description: "Names, addresses and phone numbers of residents who called us. Used to check repeat flooding.",
        format: "Excel",
        licence: "not_licensed",
        sensitivity: "official_sensitive",
        personalData: true,
        dpia: "yes",
        accessRoute: "on_request_dsa",
      },
    ],
  },
  {
    status: "in_progress",
    title: "Why are bins missed on the same terraced streets every week?",
    problem:
      "Most missed bin reports come from a handful of terraced streets where parked cars block the wagon. Crews log a 'no access' but residents see a missed bin, and the complaint comes back to us a day later.\n\n" +
      "We want to know which streets, which days and whether changing the round order would help.",
    whoIsAffected: "Residents of terraced streets, waste crews and the contact centre",
    whyItMatters: "Missed bins are the biggest single reason people contact the council. Return visits cost crew time and fuel, and side waste attracts fly-tipping.",
    outcomeWanted: "A list of streets and days where access fails most, and a test of two alternative round orders.",
    successMeasures: "Fewer missed bin reports on the worst 20 streets over three months.",
    themes: ["waste"],
    area: "Wakefield East, Wakefield North, Horbury and South Ossett",
    skills: [
      ["data-cleaning", "essential"],
      ["statistical-analysis", "essential"],
      ["data-visualisation", "helpful"],
    ],
    team: { min: 2, max: 4, time: "One day a week for 6 weeks", monthsToDeadline: 3 },
    datasets: [
      { ...ogl, title: "Missed bin reports (last two years)", description: "Street, date and reason recorded by the crew.", format: "CSV" },
      { ...ogl, title: "Collection rounds and days", description: "Which round serves which street, and on which day.", format: "CSV" },
    ],
  },
  {
    status: "open",
    title: "Getting children with SEND to school without taxis costing more every year",
    problem:
      "Home to school transport for children with special educational needs now costs more than the rest of the transport budget put together. " +
      "Most routes are single taxis booked years ago; nobody has looked at whether children going the same way could share, or whether travel training would suit some.",
    whoIsAffected: "Children with SEND and their families, schools and the transport team",
    whyItMatters: "The cost rises every year and takes money from other support for the same children. Long taxi journeys are also hard on some children.",
    outcomeWanted: "Options for shared routes that keep journeys under 45 minutes, with the saving each would make.",
    successMeasures: "At least ten routes reviewed with families; a measured saving in the next school year.",
    themes: ["childrens-services", "education", "transport"],
    area: "Wakefield district",
    skills: [
      ["geospatial-analysis", "essential"],
      ["education-send", "helpful"],
      ["anonymisation", "essential"],
    ],
    team: { min: 2, max: 4, time: "Half a day a week for 10 weeks", monthsToDeadline: 5 },
    datasets: [
      {
        title: "Pupils eligible for SEND transport",
        description: "Pupil, home address, school, needs and current route. Only a pseudonymised extract leaves the council.",
        format: "CSV",
        licence: "not_licensed",
        sensitivity: "official_sensitive",
        personalData: true,
        dpia: "yes",
        accessRoute: "secure_environment",
      },
      { ...ogl, title: "School locations and opening times", description: "Every school and college we send pupils to.", format: "CSV" },
    ],
  },
  {
    status: "open",
    title: "Finding homes at risk of damp and mould before tenants fall ill",
    problem:
      "We hear about damp and mould in privately rented homes only when a tenant complains, and often too late. " +
      "We think property age, energy rating, past complaints and overcrowding could tell us where to look first.",
    whoIsAffected: "Private tenants, especially families with young children and older people; the private sector housing team",
    whyItMatters: "Damp and mould cause serious illness. Since Awaab's Law, landlords and councils must act faster, and our inspectors can only visit so many homes.",
    outcomeWanted: "A way to rank areas or streets by risk so inspectors can plan proactive visits.",
    successMeasures: "Inspectors find hazards on a higher share of proactive visits than today.",
    themes: ["housing", "public-health"],
    area: "Wakefield district, starting with Airedale and Ferry Fryston",
    skills: [
      ["machine-learning", "helpful"],
      ["statistical-analysis", "essential"],
      ["housing", "helpful"],
      ["data-ethics", "essential"],
    ],
    team: { min: 2, max: 5, time: "A few hours a week for 12 weeks", monthsToDeadline: 6 },
    datasets: [
      { ...ogl, title: "Energy performance certificates", description: "Public EPC data for the district.", format: "CSV" },
      {
        title: "Housing complaints and inspections",
        description: "Complaints from tenants with addresses and inspection outcomes.",
        format: "CSV",
        licence: "not_licensed",
        sensitivity: "official_sensitive",
        personalData: true,
        dpia: "no",
        accessRoute: "on_request_dsa",
      },
    ],
  },
  {
    status: "delivered",
    title: "Is footfall in our town centres recovering, and what brings people in?",
    problem:
      "We have footfall counters in Wakefield, Pontefract and Castleford town centres but nobody has time to look at the numbers beyond the monthly total. " +
      "We want to know how events, market days, weather and parking charges change how many people come in.",
    whoIsAffected: "Town centre businesses, market traders and the economic development team",
    whyItMatters: "Empty units are rising. We need evidence to decide which events and offers to fund next year.",
    outcomeWanted: "A dashboard the team can update themselves, and a short report on what drives footfall.",
    successMeasures: "The team uses the dashboard in the events budget decisions.",
    themes: ["economy-and-skills", "culture-and-leisure"],
    area: "Wakefield city centre, Pontefract and Castleford town centres",
    skills: [
      ["dashboards", "essential"],
      ["forecasting", "helpful"],
      ["data-storytelling", "helpful"],
    ],
    team: { min: 1, max: 3, time: "Four hack-day sessions and some follow-up", monthsToDeadline: 2 },
    datasets: [
      { ...ogl, title: "Hourly footfall counts", description: "Counts from six sensors since 2019.", format: "CSV" },
      { ...ogl, title: "Town centre events calendar", description: "Market days, events and road closures.", format: "Spreadsheet" },
    ],
  },
  {
    status: "in_progress",
    title: "Why do some home care visits run late?",
    problem:
      "Care workers often arrive late for morning visits in rural parts of the district, and some visits are cut short. " +
      "Electronic call monitoring tells us when visits start and end, but we cannot see whether the cause is travel time, rota design or too few staff.",
    whoIsAffected: "Older and disabled people who receive care at home, their families, care providers and commissioners",
    whyItMatters: "A late morning call can mean someone waits for medication or help to get up. We need evidence before the home care contracts are renewed.",
    outcomeWanted: "An analysis of late and short visits by area, time and provider, with the likely causes.",
    successMeasures: "Findings used in the new home care contract; fewer late visits in the areas worst affected.",
    themes: ["adult-social-care"],
    area: "Rural east of the district: Hemsworth, South Elmsall and South Kirkby, Ackworth",
    skills: [
      ["statistical-analysis", "essential"],
      ["adult-social-care", "helpful"],
      ["anonymisation", "essential"],
      ["uk-gdpr", "helpful"],
    ],
    team: { min: 2, max: 3, time: "Two days a month for 4 months", monthsToDeadline: 4 },
    datasets: [
      {
        title: "Home care call monitoring records",
        description: "Planned and actual visit times for each person receiving care.",
        format: "CSV",
        licence: "not_licensed",
        sensitivity: "official_sensitive",
        personalData: true,
        dpia: "yes",
        accessRoute: "secure_environment",
      },
      { ...ogl, title: "Care provider areas", description: "Which provider covers which area, by ward.", format: "CSV" },
    ],
  },
  {
    status: "outcome_published",
    title: "Where does fly-tipping happen, and when?",
    problem:
      "Fly-tipping reports have doubled in five years. We clear it but rarely catch anyone. " +
      "We want to know where and when it happens so enforcement officers and cameras go to the right places.",
    whoIsAffected: "Residents, farmers and landowners, the street cleansing and enforcement teams",
    whyItMatters: "Clearing fly-tips costs us over £500,000 a year and blights neighbourhoods.",
    outcomeWanted: "A hotspot map by month and a recommendation for where to put the six mobile cameras.",
    successMeasures: "More fly-tipping cases with evidence for enforcement; fewer repeat tips at the camera sites.",
    themes: ["waste", "community-safety"],
    area: "Wakefield district",
    skills: [
      ["geospatial-analysis", "essential"],
      ["web-mapping", "helpful"],
    ],
    team: { min: 2, max: 4, time: "A hack day and two follow-up evenings", monthsToDeadline: null },
    datasets: [{ ...ogl, title: "Fly-tipping reports", description: "Location, date, size and type of waste for each report since 2019.", format: "CSV" }],
  },
  {
    status: "closed",
    title: "Which potholes come back, and why?",
    problem:
      "Some roads are patched again and again. We want to know whether the repairs that fail share a road type, a contractor, a repair method or the weather at the time.",
    whoIsAffected: "Drivers, cyclists and bus passengers; the highways team",
    whyItMatters: "Repeat repairs waste money and damage trust. Insurance claims for pothole damage are rising.",
    outcomeWanted: "An analysis of repeat repairs over five years and what predicts them.",
    successMeasures: "The highways team changed its repair specification for the worst road types.",
    themes: ["transport"],
    area: "Wakefield district",
    skills: [
      ["regression", "essential"],
      ["data-cleaning", "helpful"],
    ],
    team: { min: 1, max: 3, time: "A few hours a week for 6 weeks", monthsToDeadline: null },
    datasets: [{ ...ogl, title: "Highway defects and repairs", description: "Each defect reported and each repair made, with location and method.", format: "CSV" }],
  },
  {
    status: "open",
    title: "Who uses our libraries now, and who has stopped?",
    problem:
      "Book loans fell by a third in ten years but the libraries are busy with other things: job clubs, IT help, warm spaces, baby rhyme time. " +
      "We do not record most of this, so we cannot show what each library does for its area.",
    whoIsAffected: "Library users and the people who have stopped coming; library staff",
    whyItMatters: "We are reviewing library opening hours next year and want the decision to rest on what people actually use.",
    outcomeWanted: "A simple way for staff to record activities, and a first picture of use by library.",
    successMeasures: "Staff at all 13 libraries use the recording tool for a month.",
    themes: ["culture-and-leisure", "digital-inclusion"],
    area: "All 13 libraries in the district",
    skills: [
      ["user-research", "essential"],
      ["survey-design", "helpful"],
      ["prototyping", "helpful"],
    ],
    team: { min: 2, max: 5, time: "A day a fortnight for 3 months", monthsToDeadline: 6 },
    datasets: [{ ...ogl, title: "Library loans and visits by branch", description: "Monthly loans, PC sessions and door counts since 2014.", format: "CSV" }],
  },
  {
    status: "submitted",
    title: "Air quality outside schools at drop-off time",
    problem:
      "Parents have asked us about air quality outside primary schools near the A638. We have diffusion tubes at a few sites but nothing at school gates at drop-off time.",
    whoIsAffected: "Primary school children, parents and school staff",
    whyItMatters: "Children are more vulnerable to polluted air. Schools want evidence to support school streets schemes.",
    outcomeWanted: "A low-cost sensor trial at five schools and an analysis of readings at drop-off and pick-up.",
    successMeasures: "Readings shared with each school and used in a decision on school streets.",
    themes: ["public-health", "environment-and-climate"],
    area: "Primary schools along the A638 corridor",
    skills: [
      ["statistical-analysis", "essential"],
      ["data-visualisation", "helpful"],
    ],
    team: { min: 2, max: 4, time: "A few hours a week for one school term", monthsToDeadline: 5 },
    datasets: [{ ...ogl, title: "Air quality diffusion tube results", description: "Monthly NO2 readings at 40 sites since 2015.", format: "CSV" }],
  },
  {
    status: "open",
    title: "Matching council tax support to the people who are missing out",
    problem:
      "We think many pensioners and working families who could get council tax support do not claim it. " +
      "Benefit and council tax records are held in different systems and have never been matched.",
    whoIsAffected: "Low-income households, revenues and benefits staff",
    whyItMatters: "Unclaimed support means debt, court summonses and stress for households who are entitled to help.",
    outcomeWanted: "A safe, repeatable way to find households likely to be entitled, so we can write to them.",
    successMeasures: "A letter campaign to likely-entitled households and the number who then claim.",
    themes: ["finance-and-procurement"],
    area: "Wakefield district",
    skills: [
      ["record-linkage", "essential"],
      ["sql", "essential"],
      ["information-governance", "helpful"],
    ],
    team: { min: 1, max: 3, time: "A few hours a week for 8 weeks", monthsToDeadline: 4 },
    datasets: [
      {
        title: "Council tax accounts and support claims",
        description: "Account holders, addresses, discounts and support awarded.",
        format: "Database extract",
        licence: "not_licensed",
        sensitivity: "official_sensitive",
        personalData: true,
        dpia: "yes",
        accessRoute: "synthetic_sample",
      },
    ],
  },
  {
    status: "draft",
    title: "Are our bus stops accessible?",
    problem: "We do not know which of our 2,000 bus stops have raised kerbs, shelters and seats. The last survey was in 2012.",
    whoIsAffected: "Disabled people, older people and parents with buggies",
    whyItMatters: "",
    outcomeWanted: "",
    successMeasures: "",
    themes: [],
    area: "",
    skills: [],
    team: { min: 1, max: 3, time: "", monthsToDeadline: null },
    datasets: [],
  },
];
