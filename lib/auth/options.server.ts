import type { NextAuthOptions } from "next-auth";
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
import { decodeSessionToken, encodeSessionToken } from "./jwt.server";
import { limitSignIn } from "./limits.server";
import { isRole } from "./roles";
import { authSecret } from "./secret.server";
import { safeRedirectPath } from "../http/safe-redirect";
import { configureAuthOrigin } from "../http/site-origin.server";

// The origin next-auth builds its URLs on: never the request's Host in production (ADR 0011).
configureAuthOrigin();

const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export async function authorizeWithPassword(raw: unknown, address = "unknown") {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  // Throws RateLimitedError; next-auth hands its message ("RateLimited") to the sign-in form.
  await limitSignIn(parsed.data.email, address);
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  // Always verify (a dummy hash when there is no user) so timing does not reveal accounts.
  const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
  if (!ok || !user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Optional providers switch on only when their environment variables are all present. */
export function configuredProviders(): Provider[] {
  const e = env();
  const providers: Provider[] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => authorizeWithPassword(credentials, clientAddress(request?.headers ?? {})),
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
    callbacks: {
      // Every redirect next-auth makes (after OAuth or email sign-in, after sign-out) stays on this site.
      redirect({ url, baseUrl }) {
        return new URL(safeRedirectPath(url, "/dashboard", baseUrl), baseUrl).href;
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          const role = (user as { role?: unknown }).role;
          token.role = isRole(role) ? role : "STUDENT";
        }
        return token;
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
