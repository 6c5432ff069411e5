// Dates as the organisation and hub pages show them: "4 March 2026", in UK time.

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

export function formatDate(date: Date | string) {
  return dateFormat.format(new Date(date));
}
