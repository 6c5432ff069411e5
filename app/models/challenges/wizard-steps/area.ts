import { z } from "zod";
import { requiredText } from "./fields";

export const areaStep = z.object({
  area: requiredText(200, "Enter the area the challenge covers", "Area"),
});

export type AreaStep = z.output<typeof areaStep>;
