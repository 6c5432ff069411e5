import { z } from "zod";
import { emailAddress } from "~/models/platform/fields";
import { requiredText } from "./fields";

export const contactStep = z.object({
  contactName: requiredText(100, "Enter the contact's name", "Name"),
  contactEmail: emailAddress("Enter the contact's email address"),
});

export type ContactStep = z.output<typeof contactStep>;
