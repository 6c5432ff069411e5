import { z } from "zod";
import { dateField, requiredText } from "./fields";

const teamSize = (which: "smallest" | "largest") =>
  z
    .string({ required_error: `Enter the ${which} team size` })
    .trim()
    .min(1, `Enter the ${which} team size`)
    .regex(/^\d+$/, `The ${which} team size must be a whole number, like 4`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, `The ${which} team size must be at least 1`)
        .max(50, `The ${which} team size must be 50 or fewer`),
    );

export const teamStep = z
  .object({
    teamSizeMin: teamSize("smallest"),
    teamSizeMax: teamSize("largest"),
    timeCommitment: requiredText(200, "Say how much time the team will need to give", "Time commitment"),
    deadline: dateField("The deadline", { future: true }),
  })
  .refine((team) => team.teamSizeMin <= team.teamSizeMax, {
    message: "The largest team size must be the same as or more than the smallest",
    path: ["teamSizeMax"],
  });

export type TeamStep = z.output<typeof teamStep>;
