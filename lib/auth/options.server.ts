import "server-only";
import type { NextAuthOptions } from "next-auth";
import { requestCookies } from "../http/request-scope.server";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "../db.server";
import { env } from "../env.server";
import { signInInput } from "./credentials";
import { verifyPassword } from "./password.server";
import { clientAddress } from "../security/client-address";
import {
  clearFailures,
  issueTrustedDevice,
  recordFailure,
  TRUSTED_DEVICE_COOKIE,
  TRUSTED_DEVICE_MAX_AGE_S,
  trustedDeviceId,
  waitBeforeAttempt,
  type ThrottleRule,
} from "../security/login-throttle.server";
import { decodeSessionToken, encodeSessionToken, SESSION_MAX_AGE_S } from "./jwt.server";
import { RateLimitedError, signInRules } from "./limits.server";
import { isRole } from "@/domain/auth/roles";
import { authSecret } from "./secret.server";
import { endSessionsOf, newSessionClaims, sessionAccount, SessionEndedError, tokenSessionVersion } from "./sessions.server";
import { safeRedirectPath } from "../http/safe-redirect";
import { configureAuthOrigin } from "../http/site-origin.server";

// The origin next-auth builds its URLs on: never the request's Host in production (ADR 0011).
configureAuthOrigin();

/** Checks an email and password, throttled per address, account and trusted device (ADR 0012). */
export async function authorizeWithPassword(raw: unknown, address = "unknown", trustedDevice?: string) {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const secret = authSecret();
  const deviceId = user ? trustedDeviceId(secret, trustedDevice, user.id) : null;
  const rules = signInRules();
  // A browser the owner signed in from before answers for itself; anyone else for their address and the account.
  const keys: Array<[string, ThrottleRule]> = deviceId
    ? [[`signin:device:${deviceId}`, rules.device]]
    : [
        [`signin:ip:${address}`, rules.address],
        [`signin:account:${parsed.data.email}`, rules.account],
      ];
  const wait = await waitBeforeAttempt(keys.map(([key]) => key));
  // Throws RateLimitedError; next-auth hands its message ("RateLimited:<seconds>") to the sign-in form.
  if (wait > 0) throw new RateLimitedError(wait);
  // Always verify (a dummy hash when there is no user) so timing does not reveal accounts.
  const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
  if (!ok || !user) {
    await Promise.all(keys.map(([key, rule]) => recordFailure(key, rule)));
    return null;
  }
  // The owner got in: the account's count starts again (the address's does not, or guessing
  // other accounts between one's own sign-ins would reset it).
  await clearFailures(deviceId ? `signin:device:${deviceId}` : `signin:account:${parsed.data.email}`);
  return { id: user.id, email: user.email, name: user.name, role: user.role, trustedDevice: issueTrustedDevice(secret, user.id, deviceId ?? undefined) };
}

/** After a sign-in: this browser is now one the owner uses, so guessing from elsewhere will not slow it down. */
export async function rememberTrustedDevice(value: string) {
  (await requestCookies()).set(TRUSTED_DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    maxAge: TRUSTED_DEVICE_MAX_AGE_S,
  });
}

/** Optional providers switch on only when their environment variables are all present. */
export function configuredProviders(): Provider[] {
  const e = env();
  const providers: Provider[] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const jar = await requestCookies();
        const result = await authorizeWithPassword(credentials, clientAddress(request?.headers ?? {}), jar.get(TRUSTED_DEVICE_COOKIE)?.value);
        if (!result) return null;
        const { trustedDevice, ...user } = result;
        await rememberTrustedDevice(trustedDevice);
        return user;
      },
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  }
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  if (e.EMAIL_SERVER && e.EMAIL_FROM) {
    providers.push(EmailProvider({ server: e.EMAIL_SERVER, from: e.EMAIL_FROM }));
  }
  return providers;
}

function isExpectedSessionFailure(metadata: unknown): boolean {
  const error = (metadata && typeof metadata === "object" && "error" in metadata ? (metadata as { error: unknown }).error : metadata) as
    | { name?: unknown; code?: unknown; message?: unknown }
    | undefined;
  return error?.name === "SessionEndedError" || error?.message === "SessionEnded" || String(error?.code ?? "").startsWith("ERR_JW");
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    adapter: PrismaAdapter(db as never),
    providers: configuredProviders(),
    secret: authSecret(),
    // JWT sessions: required by the credentials provider; the role is re-read from the
    // database on every protected request (lib/auth/session.server.ts).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/signin", error: "/signin" },
    // Signing out ends every session of the account, not only this browser's copy of it.
    events: {
      async signOut({ token }) {
        if (token) await endSessionsOf(token);
      },
    },
    logger: {
      error(code, metadata) {
        // An ended, expired or forged session cookie is an everyday event, not an error.
        if (code === "JWT_SESSION_ERROR" && isExpectedSessionFailure(metadata)) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
    callbacks: {
      // Every redirect next-auth makes (after OAuth or email sign-in, after sign-out) stays on this site.
      redirect({ url, baseUrl }) {
        return new URL(safeRedirectPath(url, "/dashboard", baseUrl), baseUrl).href;
      },
      // Sessions carry the account's session version (ADR 0010): set when one starts, and checked
      // on every later read of it, so an ended session is refused and its cookie cleared.
      async jwt({ token, user }) {
        if (user) {
          const claims = await newSessionClaims(user.id);
          if (!claims) throw new SessionEndedError();
          return { ...token, ...claims };
        }
        const account = typeof token.sub === "string" ? await sessionAccount(token.sub) : null;
        if (!account || account.sessionVersion !== tokenSessionVersion(token)) throw new SessionEndedError();
        return { ...token, role: account.role, name: account.name, email: account.email };
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.role = isRole(token.role) ? token.role : "STUDENT";
        }
        return session;
      },
    },
  };
  return options;
}
