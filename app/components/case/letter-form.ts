// The letter editor's form: the edited text and what to do with it, checked the same way in the browser and the action.
import { z } from "zod";

export const LETTER_MAX_CHARACTERS = 40_000;

export const LetterFormSchema = z.object({
  intent: z.enum(["download", "save"], { error: "Choose to download the letter or save it to the case" }),
  text: z
    .string({ error: "Write the letter before downloading or saving it" })
    .trim()
    .min(40, "The letter is too short to send; write the letter (at least a few sentences)")
    .max(LETTER_MAX_CHARACTERS, `Keep the letter under ${LETTER_MAX_CHARACTERS.toLocaleString("en-US")} characters`),
});
