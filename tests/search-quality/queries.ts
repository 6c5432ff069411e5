// What people really type, labelled with what they meant: a held-back set for the skills
// search and the challenge search. Written from councils' job adverts, volunteers' CVs and
// the words residents use, with their misspellings, plurals and UK spellings. None of these is
// an example from the issue text (ArcGIS, MySQL, logistic regression, bins, roads …), so the
// taxonomy was not tuned to them. tests/integration/search-quality.test.ts runs them.

export interface SkillQuery {
  /** What someone types into a skills search. */
  q: string;
  /** The slug of the skill they meant. */
  skill: string;
  note?: string;
}

export const skillQueries: SkillQuery[] = [
  // Tools named for the skill
  { q: "pandas", skill: "python", note: "library" },
  { q: "jupyter notebooks", skill: "python" },
  { q: "tidyverse", skill: "r-programming" },
  { q: "rstudio", skill: "r-programming" },
  { q: "ggplot", skill: "coded-visualisation" },
  { q: "D3.js", skill: "coded-visualisation" },
  { q: "Postgres", skill: "postgresql" },
  { q: "MSSQL", skill: "sql-server" },
  { q: "MariaDB", skill: "mysql" },
  { q: "Leaflet", skill: "web-mapping" },
  { q: "QGIS 3", skill: "qgis", note: "version number" },
  { q: "esri", skill: "arcgis" },
  { q: "Power Apps", skill: "low-code-apps" },
  { q: "google analytics", skill: "web-analytics" },
  { q: "Looker", skill: "looker-studio" },
  { q: "DAX", skill: "power-bi" },
  { q: "PyTorch", skill: "deep-learning" },
  { q: "scikit-learn", skill: "machine-learning" },
  { q: "beautifulsoup", skill: "web-scraping" },
  { q: "figma", skill: "prototyping" },
  { q: "github", skill: "version-control" },
  { q: "docker", skill: "devops" },
  { q: "chatgpt", skill: "generative-ai" },
  // Misspellings
  { q: "pyhton", skill: "python" },
  { q: "excell", skill: "excel-spreadsheets" },
  { q: "tabluea", skill: "tableau" },
  { q: "postgress", skill: "postgresql" },
  { q: "geospacial", skill: "geospatial-analysis" },
  { q: "anonymization", skill: "anonymisation", note: "US spelling" },
  { q: "data visualization", skill: "data-visualisation", note: "US spelling" },
  { q: "hydrological modeling", skill: "hydrology", note: "US spelling" },
  // Plurals and phrasing
  { q: "dashboards", skill: "dashboards" },
  { q: "pivot table", skill: "pivot-tables" },
  { q: "surveys", skill: "survey-design" },
  { q: "macros", skill: "excel-vba" },
  { q: "APIs", skill: "apis" },
  { q: "cleaning data", skill: "data-cleaning" },
  { q: "messy data", skill: "data-cleaning" },
  { q: "matching records", skill: "record-linkage" },
  { q: "deduplication", skill: "record-linkage" },
  // Council words and abbreviations
  { q: "UPRN", skill: "address-matching" },
  { q: "LLPG", skill: "address-matching" },
  { q: "LSOA", skill: "statistical-geographies" },
  { q: "IMD", skill: "deprivation-indices" },
  { q: "index of multiple deprivation", skill: "deprivation-indices" },
  { q: "DPIA", skill: "dpia" },
  { q: "FOI", skill: "information-governance" },
  { q: "JSNA", skill: "public-health" },
  { q: "EHCP", skill: "education-send" },
  { q: "flood mapping", skill: "flood-risk-modelling" },
  { q: "flooding", skill: "flood-risk-modelling" },
  { q: "NO2", skill: "air-quality" },
  { q: "satellite images", skill: "remote-sensing" },
  { q: "LiDAR", skill: "remote-sensing" },
  { q: "time series", skill: "forecasting" },
  { q: "RCT", skill: "ab-testing" },
  { q: "WCAG", skill: "web-accessibility" },
  { q: "open data portal", skill: "open-data-publishing" },
  { q: "sentiment analysis", skill: "nlp" },
  { q: "Bayesian", skill: "bayesian-statistics" },
  { q: "stats", skill: "statistical-analysis" },
  { q: "GDPR", skill: "uk-gdpr" },
];

export interface ChallengeQuery {
  q: string;
  /** The key of the challenge (tests/integration/search-quality.test.ts) it should find. */
  challenge: string;
  note?: string;
}

/** Residents' and officers' words for what a challenge is about (themes) or where (its area). */
export const challengeQueries: ChallengeQuery[] = [
  { q: "fly tipping", challenge: "waste" },
  { q: "rubbish", challenge: "waste" },
  { q: "missed bins", challenge: "waste" },
  { q: "pot holes", challenge: "transport", note: "split word" },
  { q: "bus routes", challenge: "transport" },
  { q: "cycle lanes", challenge: "transport" },
  { q: "homelessness", challenge: "housing" },
  { q: "damp and mould", challenge: "housing" },
  { q: "care homes", challenge: "care" },
  { q: "libraries", challenge: "culture" },
  { q: "broadband", challenge: "digital" },
  { q: "knife crime", challenge: "safety" },
  { q: "school places", challenge: "education" },
  { q: "Headingley", challenge: "housing", note: "a ward in its area" },
  { q: "Otley", challenge: "transport", note: "a town in its area" },
  { q: "Wetherby", challenge: "waste", note: "a town in its area" },
  { q: "arcgis", challenge: "mapping", note: "a tool of the skill it needs (skills graph)" },
  { q: "QGIS", challenge: "mapping", note: "a tool of the skill it needs (skills graph)" },
  { q: "postgis", challenge: "mapping", note: "a tool of the skill it needs (skills graph)" },
];
