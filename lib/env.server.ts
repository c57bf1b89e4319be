import "server-only";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, databaseProvider } from "./database-url";

/** Environment variables the server reads, with their defaults; documented in README.md. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .min(1)
    .default(DEFAULT_DATABASE_URL)
    .refine(
      (url) => {
        try {
          databaseProvider(url);
          return true;
        } catch {
          return false;
        }
      },
      { message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)" },
    ),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  AUTH_SECRET_FILE: z.string().default("./data/auth-secret"),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  EMAIL_SERVER: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
  /** Failed sign-ins to one account (from browsers it was not used in before) before each further attempt is delayed. */
  RATE_LIMIT_SIGNIN_PER_EMAIL: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins from one client address before each further attempt is delayed. */
  RATE_LIMIT_SIGNIN_PER_IP: z.coerce.number().int().positive().default(20),
  /** Accounts that may be created per client address per hour. */
  RATE_LIMIT_SIGNUP_PER_IP: z.coerce.number().int().positive().default(20),
  /** Class codes, invite links and invitations one account may try per hour. */
  RATE_LIMIT_JOIN_PER_ACCOUNT: z.coerce.number().int().positive().default(20),
  /** Class codes, invite links and invitations tried from one client address per hour. */
  RATE_LIMIT_JOIN_PER_IP: z.coerce.number().int().positive().default(100),
  /** LTI: the tool's RSA private key (PKCS#8 PEM); otherwise a key set generated in LTI_KEYS_FILE. */
  LTI_PRIVATE_KEY: z.string().optional(),
  /** LTI: the previous key's public half (SPKI PEM), still published after rotating LTI_PRIVATE_KEY. */
  LTI_PREVIOUS_PUBLIC_KEY: z.string().optional(),
  LTI_KEYS_FILE: z.string().default("./data/lti-keys.json"),
  /** LTI: seconds between each process's looks for score deliveries that are due (retries); a new score is sent at once. */
  LTI_SCORE_POLL_SECONDS: z.coerce.number().int().positive().default(15),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const blankToUndefined = Object.fromEntries(
    Object.entries(process.env).map(([key, value]) => [key, value === "" ? undefined : value]),
  );
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
