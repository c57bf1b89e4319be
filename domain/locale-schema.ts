import { z } from "zod";
import { LOCALES } from "./locale";

/** What a request may send as a language: `localeSchema.default("en")` where the language is optional. */
export const localeSchema = z.enum(LOCALES);
