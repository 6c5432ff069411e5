// The demo's two events, found by slug by each part's demo seeding (events → registrations →
// teams → judging), so the parts can add to them in order without passing ids around.

/** A finished hack day with registrations, check-ins, teams (now projects), scores and awards. */
export const DEMO_PAST_EVENT_SLUG = "demo-pennine-open-data-hack-day-2026";
/** An upcoming, published hack day, nearly full: registrations and a waitlist. */
export const DEMO_UPCOMING_EVENT_SLUG = "demo-pennine-winter-data-hack-day-2027";
