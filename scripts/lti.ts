/**
 * LTI administration from the project folder (docs/lti.md):
 *
 *   npm run lti -- platform add --issuer URL --client-id ID --deployment-id ID \
 *       --auth-url URL --token-url URL --jwks-url URL [--name NAME] [--frame-origin URL]... [--token-audience AUD]
 *   npm run lti -- platform list
 *   npm run lti -- platform remove --issuer URL --client-id ID   (or --id ID)
 *   npm run lti -- urls
 *   npm run lti -- key list | key rotate [--now]
 *   npm run lti -- registration-link [--expires-in 24h] [--tool-url URL]
 *
 * `platform add` and `urls` print the tool's URLs as JSON on standard output
 * ({"login","launch","jwks","deepLinking"}); `npm run --silent lti -- ...` prints only that.
 * `registration-link` prints a one-time Dynamic Registration link ({"url","expiresAt"}) for
 * LTI_DYNAMIC_REGISTRATION=invite (ADR 0810).
 * The tool's own address comes from --tool-url, else NEXTAUTH_URL, else http://localhost:$PORT.
 */
import { parseArgs } from "node:util";

const USAGE = `usage:
  npm run lti -- platform add --issuer URL --client-id ID --deployment-id ID --auth-url URL --token-url URL --jwks-url URL
                              [--name NAME] [--frame-origin URL]... [--token-audience AUD] [--tool-url URL]
  npm run lti -- platform list
  npm run lti -- platform remove (--issuer URL --client-id ID | --id ID)
  npm run lti -- urls [--tool-url URL]
  npm run lti -- key list | key rotate [--now]
  npm run lti -- registration-link [--expires-in 24h] [--tool-url URL]   (90m, 24h, 7d: 5m to 30d)`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function toolOrigin(flag: string | undefined): string {
  const value = flag ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT || 3000}`;
  try {
    return new URL(value).origin;
  } catch {
    return fail(`--tool-url must be a URL (got ${value})`);
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      issuer: { type: "string" },
      "client-id": { type: "string" },
      "deployment-id": { type: "string", multiple: true },
      "auth-url": { type: "string" },
      "token-url": { type: "string" },
      "jwks-url": { type: "string" },
      "token-audience": { type: "string" },
      "frame-origin": { type: "string", multiple: true },
      name: { type: "string" },
      id: { type: "string" },
      "tool-url": { type: "string" },
      now: { type: "boolean" },
      "expires-in": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, command] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }
  const { toolUrls } = await import("../lib/lti/urls");
  if (group === "urls") {
    console.log(JSON.stringify(toolUrls(toolOrigin(values["tool-url"]))));
    return;
  }
  if (group === "key") {
    const keys = await import("../lib/lti/keys.server");
    if (command === "rotate") {
      const { kid, activatesAt, retired } = await keys.rotateToolKey({ immediately: values.now === true });
      const from = values.now ? "now" : `from ${activatesAt.toISOString()}, once LMSs' cached copies of the key set hold it`;
      console.error(`Published ${kid}; it signs ${from}.${retired.length ? ` ${retired.join(", ")} then retires and stays published for 7 days.` : ""}`);
      console.log(JSON.stringify({ kid, activatesAt: activatesAt.toISOString(), retired }));
      return;
    }
    if (command === "list") {
      const set = await keys.toolKeySet();
      console.log(
        JSON.stringify(
          set.published.map((key) => ({ kid: key.kid, current: key === set.current, createdAt: key.createdAt, activatesAt: key.activatesAt, retiredAt: key.retiredAt, source: set.source })),
          null,
          2,
        ),
      );
      return;
    }
    fail(USAGE);
  }
  if (group === "registration-link") {
    if (command) fail(USAGE);
    const { parseInviteLifetime, DEFAULT_INVITE_LIFETIME_MS } = await import("../lib/lti/registration-mode");
    const lifetime = values["expires-in"] === undefined ? { ok: true as const, ms: DEFAULT_INVITE_LIFETIME_MS } : parseInviteLifetime(values["expires-in"]);
    if (!lifetime.ok) fail(lifetime.message);
    const origin = toolOrigin(values["tool-url"]);
    const invites = await import("../lib/lti/registration-invites.server");
    const { db } = await import("../lib/db.server");
    try {
      const { url, expiresAt } = await invites.issueRegistrationInvite(origin, { lifetimeMs: lifetime.ms, issuedVia: "cli" });
      const { mode, valid } = invites.currentRegistrationMode();
      console.error(`Paste this link into the LMS's dynamic registration; it registers one LMS, until ${expiresAt.toISOString()}.`);
      if (!valid || mode === "off") console.error("Note: LTI_DYNAMIC_REGISTRATION is not open or invite here, so the site refuses every dynamic registration.");
      console.log(JSON.stringify({ url, expiresAt: expiresAt.toISOString() }));
    } finally {
      await db.$disconnect();
    }
    return;
  }
  if (group !== "platform") fail(USAGE);

  const platforms = await import("../lib/lti/platforms.server");
  const { db } = await import("../lib/db.server");
  try {
    if (command === "add") {
      const result = await platforms.registerPlatform(
        {
          name: values.name,
          issuer: values.issuer ?? "",
          clientId: values["client-id"] ?? "",
          deploymentIds: values["deployment-id"] ?? [],
          authUrl: values["auth-url"] ?? "",
          tokenUrl: values["token-url"] ?? "",
          jwksUrl: values["jwks-url"] ?? "",
          tokenAudience: values["token-audience"],
          frameOrigins: values["frame-origin"],
        },
        "cli",
      );
      if (!result.ok) {
        const flag = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/-ids$/, "-id").replace(/-origins$/, "-origin")}`;
        fail(Object.entries(result.errors).map(([field, message]) => `${flag(field)}: ${message}`).join("\n"));
      }
      const { platform, created } = result;
      console.error(`${created ? "Registered" : "Updated"} ${platform.name} (issuer ${platform.issuer}, client id ${platform.clientId}, deployments ${platform.deploymentIds.join(", ")}).`);
      console.error("Enter these URLs in the LMS's tool configuration:");
      console.log(JSON.stringify(toolUrls(toolOrigin(values["tool-url"]))));
      return;
    }
    if (command === "list") {
      const list = await platforms.listPlatforms();
      console.log(
        JSON.stringify(
          list.map(({ id, name, issuer, clientId, deploymentIds, authUrl, tokenUrl, jwksUrl, frameOrigins, registeredVia, createdAt }) => ({
            id,
            name,
            issuer,
            clientId,
            deploymentIds,
            authUrl,
            tokenUrl,
            jwksUrl,
            frameOrigins: platforms.platformFrameOrigins({ issuer, authUrl, frameOrigins }),
            registeredVia,
            createdAt,
          })),
          null,
          2,
        ),
      );
      return;
    }
    if (command === "remove") {
      const where = values.id ? { id: values.id } : values.issuer && values["client-id"] ? { issuer: values.issuer, clientId: values["client-id"] } : null;
      if (!where) fail("platform remove needs --issuer and --client-id, or --id");
      const removed = await platforms.removePlatform(where);
      if (!removed) fail("No registration matches.", 1);
      console.error("Removed. Its courses stay as ordinary classes; launches from it are refused from now on.");
      console.log(JSON.stringify({ removed: true }));
      return;
    }
    fail(USAGE);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
