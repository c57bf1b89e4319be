import "server-only";
import type { z } from "zod";
import type { Locale } from "@/domain/locale";
import { localeSchema } from "@/domain/locale-schema";
import { getCurrentUser, type CurrentUser } from "../auth/session.server";
import { parseArguments } from "./action-arguments";
import { invalidRequest, languageOf, sessionEnded } from "./action-result";

/**
 * The first steps of an action called as `(input, locale?)` that needs a signed-in user: the
 * arguments checked (`invalidRequest` when they do not fit), then the session (`sessionEnded`),
 * both answered in the page's language. Either that refusal, or the parsed input, the user and
 * the language for the lib call.
 */
export async function signedInCall<S extends z.ZodType>(
  input: unknown,
  locale: unknown,
  schema: S,
): Promise<{ refused: ReturnType<typeof invalidRequest> } | { user: CurrentUser; input: z.output<S>; language: Locale }> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], schema, localeSchema.optional());
  if (!parsed) return { refused: invalidRequest(language) };
  const user = await getCurrentUser();
  if (!user) return { refused: sessionEnded(language) };
  return { user, input: parsed[0], language };
}
