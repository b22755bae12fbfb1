import { z } from "zod";

/** The sign-in form, validated with the same schema in the browser and on the server. */
export const SignInSchema = z.object({
  email: z.email({ error: (issue) => (issue.input === undefined ? "Enter your work email" : "Enter an email address like name@clinic.org") }),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
  redirectTo: z.string().optional(),
});
