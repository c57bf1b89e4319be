/**
 * The words of the LMS administration (/admin/lti, /zh/admin/lti: the tool's addresses, one-time
 * registration links, registered platforms, registering one by hand) and of the page an LMS shows
 * at the end of an LTI Dynamic Registration: success, a refusal by this site's policy, or a
 * failure, each explained in the language the LMS's browser asks for.
 */
import type { RegistrationProblem, RegistrationRefusal } from "@/lib/lti/registration-mode";
import { defineWords } from "@/domain/words";

type Field = "name" | "issuer" | "clientId" | "deploymentIds" | "authUrl" | "tokenUrl" | "jwksUrl" | "tokenAudience" | "frameOrigins";
type Lifetime = "1h" | "24h" | "7d";

const en = {
  title: "LMS platforms (LTI 1.3)",
  metaTitle: "LMS platforms",
  intro: {
    before: "Learning management systems that can open SYN to FIN in their courses. docs/lti.md explains each LMS's steps. The same can be done with ",
    after: ".",
  },
  addresses: {
    heading: "This tool's addresses",
    registration: "Dynamic registration URL",
    login: "OIDC login (initiate login) URL",
    launch: "Launch (redirect) URL",
    jwks: "Key set (JWKS) URL",
    jwksHint: "Public key type: JWK set URL.",
    deepLinking: "Deep linking URL",
    deepLinkingHint: "Target link URI of the activity picker placement.",
  },
  mode: {
    invalid: "Closed: LTI_DYNAMIC_REGISTRATION has an unknown value (use open, invite or off).",
    open: "Paste this one URL into an LMS that supports LTI Dynamic Registration; nothing else is needed. Any LMS that opens it can register (LTI_DYNAMIC_REGISTRATION=open).",
    invite: "This site registers an LMS only with a one-time link (LTI_DYNAMIC_REGISTRATION=invite): create one below and paste it into the LMS instead.",
    off: "Turned off (LTI_DYNAMIC_REGISTRATION=off): register LMSs by hand below.",
  },
  link: {
    heading: "One-time registration link",
    invite: "An LMS registers with a link that works once and expires. The same from the command line: npm run lti -- registration-link.",
    open: "Optional while any LMS may register: a link works once and expires, and becomes required with LTI_DYNAMIC_REGISTRATION=invite.",
    validFor: "Valid for",
    lifetimes: { "1h": "1 hour", "24h": "24 hours", "7d": "7 days" } as Record<Lifetime, string>,
    create: "Create a registration link",
    label: "One-time registration link",
    pasteBefore: "Paste it into the LMS's dynamic registration. It registers one LMS, until ",
    pasteAfter: ". It is shown only now: copy it before leaving this page.",
    notAllowed: "Only administrators can create registration links.",
    failed: "No link was created. Try again.",
  },
  platforms: {
    heading: "Registered platforms",
    none: "No LMS is registered yet.",
    /** By how the platform was registered (RegistrationVia). */
    registeredBy: { dynamic: "Registered by dynamic registration on", cli: "Registered by the command line on", admin: "Registered by an administrator on" },
    issuer: "Issuer",
    clientId: "Client id",
    deployments: "Deployments",
    noDeployments: "none yet: add one before launching",
    authUrl: "Authorization URL",
    tokenUrl: "Token URL",
    jwksUrl: "Key set URL",
    frameOrigins: "May frame the tool",
    listSeparator: ", ",
    remove: "Remove",
    removeLabel: (name: string) => `Remove ${name}`,
    confirmRemove: (name: string) => `Remove ${name}? Launches from it stop at once; its courses stay as ordinary classes.`,
    notRemoved: "Not removed. Try again.",
    removed: "Platform removed.",
    notAllowed: "Only administrators can remove platforms.",
  },
  byHand: {
    heading: "Register a platform by hand",
    intro: "For an LMS without dynamic registration: enter what its tool configuration shows.",
    fields: {
      name: { label: "Name", hint: "How the LMS is named to people (defaults to the issuer's host)." },
      issuer: { label: "Issuer", hint: "The LMS's iss, e.g. https://canvas.instructure.com" },
      clientId: { label: "Client id", hint: "The id the LMS gave this tool." },
      deploymentIds: { label: "Deployment ids", hint: "One or more, separated by spaces or commas." },
      authUrl: { label: "Authorization URL", hint: "The LMS's OIDC authentication endpoint." },
      tokenUrl: { label: "Token URL", hint: "The LMS's OAuth 2 token endpoint (grades and rosters)." },
      jwksUrl: { label: "Key set URL", hint: "The LMS's public keys (JWKS)." },
      tokenAudience: { label: "Token audience (optional)", hint: "Only when the LMS names an authorization server other than its token URL." },
      frameOrigins: { label: "Other LMS origins (optional)", hint: "Sites the LMS pages are served from, if not the issuer's, e.g. https://school.instructure.com" },
    } as Record<Field, { label: string; hint: string }>,
    submit: "Register platform",
    registered: (name: string) => `Registered ${name}.`,
    updated: (name: string) => `Updated ${name}.`,
    fieldsNeedAttention: "Some fields need attention.",
    notAllowed: "Only administrators can register platforms.",
    failed: "That did not work. Try again.",
  },
  /** The page at the end of a Dynamic Registration, shown inside the LMS. */
  registration: {
    registeredTitle: "SYN to FIN is registered",
    registeredBody: (lms: string, clientId: string) => `${lms} can now launch SYN to FIN (client id ${clientId}). You can close this window.`,
    deploymentMissing: "The LMS has not assigned a deployment yet. Once it has, add it: npm run lti -- platform add ... --deployment-id ID.",
    close: "Close",
    failedTitle: "The registration did not complete",
    refusedTitle: "This site did not accept the registration",
    refusals: {
      off: "Dynamic registration is turned off on this site. Ask its administrator to register your LMS with the platform details instead (docs/lti.md).",
      "mode-invalid":
        "Dynamic registration is closed: the site's setting LTI_DYNAMIC_REGISTRATION has an unknown value (it must be open, invite or off). Ask its administrator to fix it.",
      "invite-missing":
        "This site registers an LMS only with a one-time registration link. Ask its administrator for a link (admin page LMS platforms, or npm run lti -- registration-link) and paste that link into your LMS instead.",
      "invite-unknown": "This registration link is not valid. Check that it was copied whole, or ask the site's administrator for a new one.",
      "invite-expired": "This registration link has expired. Ask the site's administrator for a new one.",
      "invite-used": "This registration link has already been used to register an LMS; each link works once. Ask the site's administrator for a new one.",
      "invite-busy": "Another registration is using this link right now. If it fails, the link can be used again in a few minutes.",
    } as Record<RegistrationRefusal, string>,
    /** Why a registration failed; the details quoted from the LMS stay as the LMS wrote them. */
    problem: (problem: RegistrationProblem): string => {
      switch (problem.kind) {
        case "config-url":
          return "openid_configuration must be the https URL of the LMS's OpenID configuration.";
        case "token-too-long":
          return "registration_token is too long.";
        case "rate-limited":
          return `Too many registrations from this address; try again in ${problem.minutes} minutes.`;
        case "config-unreachable":
          return `The LMS's OpenID configuration could not be read: ${problem.detail}`;
        case "config-status":
          return `The LMS's OpenID configuration answered HTTP ${problem.status}.`;
        case "config-incomplete":
          return `The LMS's OpenID configuration is incomplete: ${problem.detail}`;
        case "issuer-host":
          return `The issuer ${problem.issuer} is not on the host of the configuration URL ${problem.configUrl}.`;
        case "no-private-key-jwt":
          return "The LMS does not accept private_key_jwt client authentication, which LTI 1.3 services use.";
        case "no-rs256":
          return "The LMS does not sign with RS256.";
        case "endpoint-unreachable":
          return `The LMS's registration endpoint could not be reached: ${problem.detail}`;
        case "lms-refused":
          return `The LMS refused the registration (HTTP ${problem.status}): ${problem.detail}`;
        case "no-client-id":
          return "The LMS's registration answer has no client_id.";
        case "not-stored":
          return `The registration could not be stored: ${problem.detail}`;
        case "unexpected":
          return "The registration could not be completed; try again.";
      }
    },
  },
};

export type LtiAdminWords = typeof en;

const zh: LtiAdminWords = {
  title: "LMS 平台（LTI 1.3）",
  metaTitle: "LMS 平台",
  intro: {
    before: "可以在课程中打开 SYN to FIN 的学习管理系统（LMS）。各个 LMS 的操作步骤见 docs/lti.md。同样的操作也可以用命令 ",
    after: " 完成。",
  },
  addresses: {
    heading: "本工具的地址",
    registration: "动态注册 URL",
    login: "OIDC 登录（发起登录）URL",
    launch: "启动（重定向）URL",
    jwks: "密钥集（JWKS）URL",
    jwksHint: "公钥类型：JWK 集 URL。",
    deepLinking: "深度链接 URL",
    deepLinkingHint: "活动选择器位置的目标链接 URI。",
  },
  mode: {
    invalid: "已关闭：LTI_DYNAMIC_REGISTRATION 的取值无法识别（应为 open、invite 或 off）。",
    open: "把这一个 URL 粘贴到支持 LTI 动态注册的 LMS 中即可，无需其他设置。任何打开它的 LMS 都能注册（LTI_DYNAMIC_REGISTRATION=open）。",
    invite: "本站只接受使用一次性链接的 LMS 注册（LTI_DYNAMIC_REGISTRATION=invite）：请在下方创建一个链接，把它而不是这个 URL 粘贴到 LMS 中。",
    off: "已关闭（LTI_DYNAMIC_REGISTRATION=off）：请在下方手动注册 LMS。",
  },
  link: {
    heading: "一次性注册链接",
    invite: "LMS 使用一个只能用一次、到期失效的链接注册。命令行中的同一操作：npm run lti -- registration-link。",
    open: "在任何 LMS 都能注册时可选：链接只能使用一次并会过期；设置 LTI_DYNAMIC_REGISTRATION=invite 后则必须使用链接。",
    validFor: "有效期",
    lifetimes: { "1h": "1 小时", "24h": "24 小时", "7d": "7 天" },
    create: "创建注册链接",
    label: "一次性注册链接",
    pasteBefore: "把它粘贴到 LMS 的动态注册中。它可以注册一个 LMS，有效期至 ",
    pasteAfter: "。链接只在此时显示一次：离开本页前请先复制。",
    notAllowed: "只有管理员可以创建注册链接。",
    failed: "没有创建链接，请重试。",
  },
  platforms: {
    heading: "已注册的平台",
    none: "还没有注册任何 LMS。",
    registeredBy: { dynamic: "通过动态注册，注册于", cli: "通过命令行注册，注册于", admin: "由管理员注册，注册于" },
    issuer: "签发者（Issuer）",
    clientId: "客户端 ID（Client id）",
    deployments: "部署",
    noDeployments: "暂无：启动前请先添加一个",
    authUrl: "授权 URL",
    tokenUrl: "令牌 URL",
    jwksUrl: "密钥集 URL",
    frameOrigins: "允许嵌入本工具的来源",
    listSeparator: "、",
    remove: "移除",
    removeLabel: (name) => `移除 ${name}`,
    confirmRemove: (name) => `移除 ${name}？从它发起的启动会立即停止；它的课程会保留为普通班级。`,
    notRemoved: "没有移除，请重试。",
    removed: "平台已移除。",
    notAllowed: "只有管理员可以移除平台。",
  },
  byHand: {
    heading: "手动注册平台",
    intro: "适用于不支持动态注册的 LMS：填写它的工具配置中显示的信息。",
    fields: {
      name: { label: "名称", hint: "向用户显示的 LMS 名称（默认为签发者的主机名）。" },
      issuer: { label: "签发者（Issuer）", hint: "LMS 的 iss，例如 https://canvas.instructure.com" },
      clientId: { label: "客户端 ID（Client id）", hint: "LMS 分配给本工具的 ID。" },
      deploymentIds: { label: "部署 ID", hint: "一个或多个，用空格或逗号分隔。" },
      authUrl: { label: "授权 URL", hint: "LMS 的 OIDC 认证端点。" },
      tokenUrl: { label: "令牌 URL", hint: "LMS 的 OAuth 2 令牌端点（用于成绩和名单）。" },
      jwksUrl: { label: "密钥集 URL", hint: "LMS 的公钥（JWKS）。" },
      tokenAudience: { label: "令牌受众（可选）", hint: "仅当 LMS 指定了令牌 URL 以外的授权服务器时填写。" },
      frameOrigins: { label: "其他 LMS 来源（可选）", hint: "LMS 页面所在的站点（如果与签发者不同），例如 https://school.instructure.com" },
    },
    submit: "注册平台",
    registered: (name) => `已注册 ${name}。`,
    updated: (name) => `已更新 ${name}。`,
    fieldsNeedAttention: "有些字段需要修改。",
    notAllowed: "只有管理员可以注册平台。",
    failed: "操作没有成功，请重试。",
  },
  registration: {
    registeredTitle: "SYN to FIN 已注册",
    registeredBody: (lms, clientId) => `${lms} 现在可以启动 SYN to FIN（client id ${clientId}）。你可以关闭此窗口。`,
    deploymentMissing: "LMS 尚未分配部署。分配后请添加：npm run lti -- platform add ... --deployment-id ID。",
    close: "关闭",
    failedTitle: "注册没有完成",
    refusedTitle: "本站没有接受这次注册",
    refusals: {
      off: "本站已关闭动态注册。请让本站管理员改用平台信息手动注册你的 LMS（见 docs/lti.md）。",
      "mode-invalid": "动态注册已关闭：本站的设置 LTI_DYNAMIC_REGISTRATION 取值无法识别（应为 open、invite 或 off）。请让本站管理员修正。",
      "invite-missing": "本站只接受使用一次性注册链接的 LMS 注册。请向本站管理员索取链接（管理页面“LMS 平台”，或 npm run lti -- registration-link），并把该链接粘贴到你的 LMS 中。",
      "invite-unknown": "这个注册链接无效。请检查是否完整复制，或向本站管理员索取新链接。",
      "invite-expired": "这个注册链接已过期。请向本站管理员索取新链接。",
      "invite-used": "这个注册链接已经用于注册过一个 LMS；每个链接只能使用一次。请向本站管理员索取新链接。",
      "invite-busy": "另一个注册正在使用这个链接。如果那次注册失败，几分钟后可以再次使用该链接。",
    },
    problem: (problem) => {
      switch (problem.kind) {
        case "config-url":
          return "openid_configuration 必须是 LMS 的 OpenID 配置的 https URL。";
        case "token-too-long":
          return "registration_token 太长。";
        case "rate-limited":
          return `来自这个地址的注册过多，请在 ${problem.minutes} 分钟后重试。`;
        case "config-unreachable":
          return `无法读取 LMS 的 OpenID 配置：${problem.detail}`;
        case "config-status":
          return `LMS 的 OpenID 配置返回了 HTTP ${problem.status}。`;
        case "config-incomplete":
          return `LMS 的 OpenID 配置不完整：${problem.detail}`;
        case "issuer-host":
          return `签发者 ${problem.issuer} 不在配置 URL ${problem.configUrl} 的主机上。`;
        case "no-private-key-jwt":
          return "LMS 不接受 private_key_jwt 客户端认证，而 LTI 1.3 的服务需要它。";
        case "no-rs256":
          return "LMS 不使用 RS256 签名。";
        case "endpoint-unreachable":
          return `无法连接 LMS 的注册端点：${problem.detail}`;
        case "lms-refused":
          return `LMS 拒绝了这次注册（HTTP ${problem.status}）：${problem.detail}`;
        case "no-client-id":
          return "LMS 的注册应答中没有 client_id。";
        case "not-stored":
          return `无法保存这次注册：${problem.detail}`;
        case "unexpected":
          return "注册未能完成，请重试。";
      }
    },
  },
};

export const ltiAdminWords = defineWords<LtiAdminWords>({ en, zh });
