/** The published LTI payloads of tests/fixtures/lti, read with their sources. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type PublishedPayload = { file: string; source: string; description: string; payload: Record<string, unknown> };

const DIR = path.join(process.cwd(), "tests", "fixtures", "lti");

export function publishedPayload(name: string): PublishedPayload {
  const parsed = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), "utf8")) as Omit<PublishedPayload, "file">;
  return { file: name, ...parsed };
}

export function publishedPayloadNames(): string[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.replace(/\.json$/, ""))
    .sort();
}

/** Claims that bind a launch to one registration and one moment: the tests put their own in. */
export const BINDING_CLAIMS = [
  "iss",
  "aud",
  "azp",
  "nonce",
  "exp",
  "iat",
  "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
] as const;

/** The published claims without the binding ones. */
export function publishedClaims(name: string): Record<string, unknown> {
  const claims = { ...publishedPayload(name).payload };
  for (const claim of BINDING_CLAIMS) delete claims[claim];
  return claims;
}
