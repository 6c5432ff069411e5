import { describe, expect, it } from "vitest";
import { formatEventRange, formatEventTime, utcToZonedParts, zonedToUtc } from "./time";

describe("event times in Europe/London", () => {
  it("stores a winter 10:00 as 10:00 UTC and a summer 10:00 as 09:00 UTC", () => {
    expect(zonedToUtc("2027-01-23", "10:00")?.toISOString()).toBe("2027-01-23T10:00:00.000Z");
    expect(zonedToUtc("2027-07-10", "10:00")?.toISOString()).toBe("2027-07-10T09:00:00.000Z");
  });

  it("refuses dates and times that do not exist", () => {
    expect(zonedToUtc("2027-02-30", "10:00")).toBeNull();
    expect(zonedToUtc("2027-01-23", "24:00")).toBeNull();
    expect(zonedToUtc("23/01/2027", "10:00")).toBeNull();
    expect(zonedToUtc("2027-01-23", "ten")).toBeNull();
  });

  it("shows the instant back as the organiser typed it", () => {
    const instant = zonedToUtc("2027-07-10", "09:30")!;
    expect(utcToZonedParts(instant)).toEqual({ date: "2027-07-10", time: "09:30" });
    expect(formatEventTime(instant)).toBe("9:30am");
  });

  it("reads like GOV.UK: one day, or several, and other zones named", () => {
    const start = zonedToUtc("2027-01-23", "09:30")!;
    expect(formatEventRange(start, zonedToUtc("2027-01-23", "17:00")!)).toBe("Saturday 23 January 2027, 9:30am to 5pm");
    expect(formatEventRange(start, zonedToUtc("2027-01-24", "12:00")!)).toBe(
      "Saturday 23 January 2027, 9:30am to Sunday 24 January 2027, midday",
    );
    expect(formatEventRange(zonedToUtc("2027-01-23", "09:30", "Europe/Paris")!, zonedToUtc("2027-01-23", "17:00", "Europe/Paris")!, "Europe/Paris")).toBe(
      "Saturday 23 January 2027, 9:30am to 5pm (Europe/Paris)",
    );
  });
});
