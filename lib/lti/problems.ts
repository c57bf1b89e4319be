/**
 * Everything that can stop an LTI login or launch, with what an administrator should check.
 * A problem carries a code (stable: tests and logs use it) and a detail naming the offending
 * value; the page shows both (docs/lti.md, "Diagnosing a failed launch").
 */
import type { Locale } from "@/domain/locale";
import { defineWords } from "@/domain/words";

export const PROBLEM_CODES = [
  "invalid-login-request",
  "unknown-platform",
  "ambiguous-platform",
  "unknown-deployment",
  "foreign-target",
  "invalid-launch-request",
  "state-unknown",
  "state-not-bound",
  "storage-mismatch",
  "token-malformed",
  "unsupported-algorithm",
  "missing-kid",
  "unknown-kid",
  "jwks-unavailable",
  "jwks-invalid",
  "bad-signature",
  "wrong-issuer",
  "wrong-audience",
  "wrong-azp",
  "expired",
  "issued-in-future",
  "too-old",
  "not-yet-valid",
  "nonce-mismatch",
  "anonymous-launch",
  "wrong-version",
  "unsupported-message-type",
  "invalid-claim",
  "not-an-instructor",
  "no-context",
  "unknown-resource",
  "deep-link-expired",
  "session-missing",
  "handoff-invalid",
  "link-invalid",
  "internal",
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Problem = { code: ProblemCode; detail: string };

export class LtiProblem extends Error {
  readonly code: ProblemCode;
  readonly detail: string;
  constructor(code: ProblemCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = "LtiProblem";
    this.code = code;
    this.detail = detail;
  }
}

export function problem(code: ProblemCode, detail: string): Problem {
  return { code, detail: detail.length > 500 ? `${detail.slice(0, 497)}...` : detail };
}

type Words = { title: string; help: string };

/** Each problem explained to whoever sees the error page: the LMS administrator or the launching user. */
const problemTable = defineWords<Record<ProblemCode, Words>>({
  en: {
    "invalid-login-request": { title: "The LMS's login request is incomplete", help: "The login initiation must carry iss, login_hint and target_link_uri. Check the tool's login URL in the LMS." },
    "unknown-platform": { title: "This LMS is not registered", help: "Register the platform (npm run lti -- platform add, the admin page, or dynamic registration) with this issuer and client id." },
    "ambiguous-platform": { title: "Several registrations share this issuer", help: "The LMS did not send client_id and more than one registration uses its issuer. Ask the LMS to send client_id, or remove the registration that is no longer used." },
    "unknown-deployment": { title: "Unknown deployment", help: "The deployment id is not registered for this LMS. Add it with npm run lti -- platform add ... --deployment-id ID." },
    "foreign-target": { title: "The link points to another site", help: "target_link_uri must be an address of this tool. Check the tool's target link URI in the LMS." },
    "invalid-launch-request": { title: "The launch request is incomplete", help: "The LMS must POST the form fields id_token and state to the launch URL." },
    "state-unknown": { title: "This launch was already used or has expired", help: "Each launch can be used once, within 10 minutes of starting. Open the activity again from the LMS." },
    "state-not-bound": { title: "This launch was started in another browser", help: "The login state is not in this browser: its cookies were blocked, or the launch was replayed. Open the activity again from the LMS." },
    "storage-mismatch": { title: "The LMS page did not confirm this launch", help: "The LMS's postMessage storage did not hold the state and nonce this launch was started with." },
    "token-malformed": { title: "The id_token is not a readable JWT", help: "The LMS sent an id_token that is not a compact JWS, or one that is too large." },
    "unsupported-algorithm": { title: "The id_token is not signed with RS256", help: "LTI 1.3 requires RS256 signatures." },
    "missing-kid": { title: "The id_token names no key", help: "The id_token's header must carry the kid of the LMS key that signed it." },
    "unknown-kid": { title: "The LMS's key set has no key with this kid", help: "The key set was fetched again and still lacks the key. Check the platform's JWKS URL." },
    "jwks-unavailable": { title: "The LMS's key set could not be fetched", help: "The JWKS URL did not answer in time or answered with an error. Check that it is reachable from this server." },
    "jwks-invalid": { title: "The LMS's key set is not a valid JWKS", help: "The JWKS URL answered with something that is not a JSON Web Key Set of RSA keys." },
    "bad-signature": { title: "The id_token's signature is invalid", help: "The token was not signed by the LMS's key, or it was altered on the way." },
    "wrong-issuer": { title: "The id_token comes from another issuer", help: "Its iss does not match the registered platform." },
    "wrong-audience": { title: "The id_token is meant for another tool", help: "Its aud does not contain this tool's client id." },
    "wrong-azp": { title: "The id_token's authorized party is wrong", help: "With several audiences, azp must be this tool's client id." },
    expired: { title: "The id_token has expired", help: "Its exp is in the past. Check that the LMS's and this server's clocks are right." },
    "issued-in-future": { title: "The id_token was issued in the future", help: "Its iat is ahead of this server's clock. Check both clocks." },
    "too-old": { title: "The id_token is too old", help: "It was issued more than 10 minutes ago." },
    "not-yet-valid": { title: "The id_token is not valid yet", help: "Its nbf is in the future. Check both clocks." },
    "nonce-mismatch": { title: "The nonce does not match", help: "The id_token's nonce is not the one sent with this login: a replayed or mixed-up launch." },
    "anonymous-launch": { title: "The LMS did not say who is launching", help: "The id_token has no sub. Allow the LMS to share the user's identity with this tool." },
    "wrong-version": { title: "Unsupported LTI version", help: "The launch must be LTI 1.3.0." },
    "unsupported-message-type": { title: "Unsupported message type", help: "This tool accepts LtiResourceLinkRequest and LtiDeepLinkingRequest." },
    "invalid-claim": { title: "A claim of the id_token is malformed", help: "The named claim is missing, too large or of the wrong type." },
    "not-an-instructor": { title: "Only instructors can add activities", help: "Deep linking needs an Instructor, TeachingAssistant or ContentDeveloper role in the course." },
    "no-context": { title: "The launch has no course", help: "Deep linking must be launched from a course (the context claim)." },
    "unknown-resource": { title: "The link names nothing in this course", help: "The lesson, quiz or challenge named by the link does not exist." },
    "deep-link-expired": { title: "This selection has expired", help: "Open the tool's selection again from the LMS." },
    "session-missing": { title: "You are not signed in here", help: "Open the activity again from the LMS." },
    "handoff-invalid": { title: "This link has expired", help: "Links that open an activity in a new window work once, for two minutes. Open the activity again from the LMS." },
    "link-invalid": { title: "This account link has expired", help: "Open the activity again from the LMS to get a new one." },
    internal: { title: "Something went wrong", help: "The launch could not be completed. Try again from the LMS; if it persists, check the server log." },
  },
  zh: {
    "invalid-login-request": { title: "LMS 的登录请求不完整", help: "登录发起请求必须包含 iss、login_hint 和 target_link_uri。请检查 LMS 中填写的工具登录地址。" },
    "unknown-platform": { title: "此 LMS 尚未注册", help: "请用该 issuer 和 client id 注册平台（npm run lti -- platform add、管理页面或动态注册）。" },
    "ambiguous-platform": { title: "多个注册共用此 issuer", help: "LMS 没有发送 client_id，而有多个注册使用它的 issuer。请让 LMS 发送 client_id，或删除不再使用的注册。" },
    "unknown-deployment": { title: "未知的部署", help: "此部署 id 没有为该 LMS 注册。请用 npm run lti -- platform add ... --deployment-id ID 添加。" },
    "foreign-target": { title: "链接指向其他网站", help: "target_link_uri 必须是本工具的地址。请检查 LMS 中的目标链接地址。" },
    "invalid-launch-request": { title: "启动请求不完整", help: "LMS 必须以 POST 表单字段 id_token 和 state 访问启动地址。" },
    "state-unknown": { title: "此次启动已被使用或已过期", help: "每次启动只能使用一次，并须在开始后 10 分钟内完成。请从 LMS 重新打开活动。" },
    "state-not-bound": { title: "此次启动是在另一个浏览器中开始的", help: "本浏览器中没有登录状态：Cookie 被阻止，或启动被重放。请从 LMS 重新打开活动。" },
    "storage-mismatch": { title: "LMS 页面没有确认此次启动", help: "LMS 的 postMessage 存储中没有此次启动的 state 和 nonce。" },
    "token-malformed": { title: "id_token 不是可读的 JWT", help: "LMS 发送的 id_token 不是紧凑 JWS 格式，或过大。" },
    "unsupported-algorithm": { title: "id_token 不是用 RS256 签名的", help: "LTI 1.3 要求 RS256 签名。" },
    "missing-kid": { title: "id_token 没有指明密钥", help: "id_token 头部必须包含签名所用 LMS 密钥的 kid。" },
    "unknown-kid": { title: "LMS 的密钥集中没有此 kid", help: "已重新获取密钥集，仍然没有该密钥。请检查平台的 JWKS 地址。" },
    "jwks-unavailable": { title: "无法获取 LMS 的密钥集", help: "JWKS 地址没有及时响应或返回了错误。请检查本服务器能否访问它。" },
    "jwks-invalid": { title: "LMS 的密钥集不是有效的 JWKS", help: "JWKS 地址返回的不是 RSA 密钥组成的 JSON Web Key Set。" },
    "bad-signature": { title: "id_token 的签名无效", help: "该令牌不是由 LMS 的密钥签名的，或在传输中被篡改。" },
    "wrong-issuer": { title: "id_token 来自其他签发者", help: "它的 iss 与已注册的平台不符。" },
    "wrong-audience": { title: "id_token 是发给其他工具的", help: "它的 aud 不包含本工具的 client id。" },
    "wrong-azp": { title: "id_token 的授权方不正确", help: "有多个受众时，azp 必须是本工具的 client id。" },
    expired: { title: "id_token 已过期", help: "它的 exp 已过。请检查 LMS 和本服务器的时钟。" },
    "issued-in-future": { title: "id_token 的签发时间在未来", help: "它的 iat 超前于本服务器的时钟。请检查两边的时钟。" },
    "too-old": { title: "id_token 太旧", help: "它是 10 分钟之前签发的。" },
    "not-yet-valid": { title: "id_token 尚未生效", help: "它的 nbf 在未来。请检查两边的时钟。" },
    "nonce-mismatch": { title: "nonce 不匹配", help: "id_token 的 nonce 不是本次登录发送的：启动被重放或混淆。" },
    "anonymous-launch": { title: "LMS 没有说明是谁在启动", help: "id_token 中没有 sub。请允许 LMS 向本工具提供用户身份。" },
    "wrong-version": { title: "不支持的 LTI 版本", help: "启动必须是 LTI 1.3.0。" },
    "unsupported-message-type": { title: "不支持的消息类型", help: "本工具接受 LtiResourceLinkRequest 和 LtiDeepLinkingRequest。" },
    "invalid-claim": { title: "id_token 的某个声明格式错误", help: "所指的声明缺失、过大或类型错误。" },
    "not-an-instructor": { title: "只有教师可以添加活动", help: "深度链接需要课程中的 Instructor、TeachingAssistant 或 ContentDeveloper 角色。" },
    "no-context": { title: "启动中没有课程", help: "深度链接必须从课程中启动（context 声明）。" },
    "unknown-resource": { title: "链接所指内容在本课程中不存在", help: "链接指向的课、测验或挑战不存在。" },
    "deep-link-expired": { title: "此选择已过期", help: "请从 LMS 重新打开本工具的选择页面。" },
    "session-missing": { title: "你在这里尚未登录", help: "请从 LMS 重新打开活动。" },
    "handoff-invalid": { title: "此链接已过期", help: "在新窗口中打开活动的链接只能使用一次，有效期两分钟。请从 LMS 重新打开活动。" },
    "link-invalid": { title: "此账户关联链接已过期", help: "请从 LMS 重新打开活动以获得新的链接。" },
    internal: { title: "出了点问题", help: "启动未能完成。请从 LMS 重试；如果仍然失败，请查看服务器日志。" },
  },
});

export function problemWords(code: ProblemCode, locale: Locale): Words {
  return problemTable(locale)[code];
}

/** HTTP status of the error page: the LMS sent something wrong (400), or we could not reach it (502). */
export function problemStatus(code: ProblemCode): number {
  if (code === "jwks-unavailable" || code === "jwks-invalid") return 502;
  // Unexpected failures (the database unreachable, a bug) are reported as temporary.
  if (code === "internal") return 503;
  if (code === "not-an-instructor") return 403;
  return 400;
}
