/**
 * The LTI endpoint pages (see lib/lti/html.ts): what each step of a login or launch shows, in
 * English and Chinese (the words: lib/i18n/words/lti-pages.ts). Scripts here implement the tool
 * side of the LTI client-side postMessage storage (lti.put_data / lti.get_data, answered only
 * when they come from the LMS's origin).
 */
import type { Locale } from "@/domain/locale";
import { escapeHtml, htmlPage, ltiPageCsp, newNonce, scriptJson } from "./html";
import { problemWords, type Problem } from "./problems";
import { ltiAdminWords } from "../i18n/words/lti-admin";
import { ltiPageWords } from "../i18n/words/lti-pages";
import type { RegistrationProblem, RegistrationRefusal } from "./registration-mode";

export type RenderedPage = { html: string; csp: string };

export function problemPage(problem: Problem, locale: Locale, frameAncestors: readonly string[]): RenderedPage {
  const words = ltiPageWords(locale);
  const { title, help } = problemWords(problem.code, locale);
  const nonce = newNonce();
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(words.again)}</p>
<section class="panel" aria-labelledby="admin-title">
<h2 id="admin-title" class="small-heading muted">${escapeHtml(words.forAdmins)}</h2>
<p>${escapeHtml(help)}</p>
<dl>
<dt>${escapeHtml(words.problemCode)}</dt><dd><code data-problem-code>${escapeHtml(problem.code)}</code></dd>
<dt>${escapeHtml(words.problemDetail)}</dt><dd class="detail">${escapeHtml(problem.detail)}</dd>
</dl>
</section>`;
  return { html: htmlPage({ locale, title, body, nonce, className: "error" }), csp: ltiPageCsp({ nonce, frameAncestors }) };
}

/** The new-window offer: a link opening `href` in a window of its own. */
function newWindowSection(locale: Locale, href: string, help: string, hidden: boolean): string {
  const words = ltiPageWords(locale);
  return `<section id="new-window"${hidden ? " hidden" : ""} aria-labelledby="new-window-title">
<h1 id="new-window-title">${escapeHtml(words.newWindowTitle)}</h1>
<p>${escapeHtml(help)}</p>
<p class="actions"><a class="button" id="open-new-window" href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(words.newWindowButton)}</a></p>
<p id="opened" class="muted" role="status"></p>
</section>`;
}

const OPENED_SCRIPT = (opened: string) =>
  `var link=document.getElementById("open-new-window");if(link)link.addEventListener("click",function(){document.getElementById("opened").textContent=${scriptJson(opened)};});`;

export function newWindowPage(loginUrl: string, locale: Locale, frameAncestors: readonly string[]): RenderedPage {
  const words = ltiPageWords(locale);
  const nonce = newNonce();
  return {
    html: htmlPage({ locale, title: words.newWindowTitle, body: newWindowSection(locale, loginUrl, words.newWindowHelp, false), nonce, script: OPENED_SCRIPT(words.newWindowOpened) }),
    csp: ltiPageCsp({ nonce, frameAncestors }),
  };
}

/**
 * Client-side postMessage helper shared by the storage pages: sends `subject` messages to the
 * LMS frame and resolves with the responses, accepting only answers from `origin` that carry the
 * message id that was sent.
 */
const STORAGE_CLIENT = `
function ltiStorage(cfg){
  var target=null;
  try{target=cfg.target==="_parent"?window.parent:window.parent.frames[cfg.target];}catch(e){target=null;}
  var pending={};
  window.addEventListener("message",function(event){
    if(event.origin!==cfg.origin)return;
    var data=event.data;
    if(typeof data==="string"){try{data=JSON.parse(data);}catch(e){return;}}
    if(!data||typeof data!=="object"||typeof data.message_id!=="string")return;
    var waiting=pending[data.message_id];
    if(!waiting||data.subject!==waiting.subject+".response")return;
    delete pending[data.message_id];
    if(data.error)waiting.reject(new Error(String(data.error.code||data.error)));else waiting.resolve(data);
  });
  function id(){return (window.crypto&&crypto.randomUUID)?crypto.randomUUID():String(Date.now())+Math.random();}
  return function send(subject,fields){
    return new Promise(function(resolve,reject){
      if(!target||target===window)return reject(new Error("no storage frame"));
      var messageId=id();pending[messageId]={subject:subject,resolve:resolve,reject:reject};
      var message={subject:subject,message_id:messageId};for(var k in fields)message[k]=fields[k];
      target.postMessage(message,cfg.origin);
    });
  };
}
function withTimeout(promise,ms){return Promise.race([promise,new Promise(function(_,reject){setTimeout(function(){reject(new Error("timeout"));},ms);})]);}
`;

/** Login with the LMS's storage: put state and nonce in the LMS frame, then go to the LMS's authorization URL. */
export function storageLoginPage(
  params: { storageTarget: string; authOrigin: string; authRequestUrl: string; continueUrl: string; state: string; nonce: string },
  locale: Locale,
  frameAncestors: readonly string[],
): RenderedPage {
  const words = ltiPageWords(locale);
  const nonce = newNonce();
  const body = `<h1>${escapeHtml(words.connecting)}</h1><p class="muted">${escapeHtml(words.connectingHelp)}</p><noscript><p>${escapeHtml(words.noScript)}</p></noscript>`;
  const script = `${STORAGE_CLIENT}
var cfg=${scriptJson({ target: params.storageTarget, origin: params.authOrigin, next: params.authRequestUrl, fallback: params.continueUrl, state: params.state, nonce: params.nonce })};
var send=ltiStorage(cfg);
withTimeout(Promise.all([
  send("lti.put_data",{key:"state_"+cfg.state,value:cfg.state}),
  send("lti.put_data",{key:"nonce_"+cfg.nonce,value:cfg.nonce})
]),3000).then(function(){window.location.assign(cfg.next);},function(){window.location.assign(cfg.fallback);});`;
  return { html: htmlPage({ locale, title: words.connecting, body, nonce, script }), csp: ltiPageCsp({ nonce, frameAncestors }) };
}

/**
 * Launch with the LMS's storage: read state and nonce back from the LMS frame and post them,
 * with the id_token, to the launch URL from this page (the server accepts that second step only
 * from this tool's own origin).
 */
export function storageCheckPage(
  params: { idToken: string; state: string; nonce: string; storageTarget: string; authOrigin: string; launchUrl: string },
  locale: Locale,
  frameAncestors: readonly string[],
): RenderedPage {
  const words = ltiPageWords(locale);
  const nonce = newNonce();
  const body = `<h1 id="status">${escapeHtml(words.checking)}</h1>
<p id="failed" role="alert" hidden>${escapeHtml(words.storageFailed)}</p>
<noscript><p>${escapeHtml(words.noScript)}</p></noscript>
<form id="confirm" method="post" action="${escapeHtml(params.launchUrl)}" hidden>
<input type="hidden" name="id_token" value="${escapeHtml(params.idToken)}">
<input type="hidden" name="state" value="${escapeHtml(params.state)}">
<input type="hidden" name="lti_storage_state" value="">
<input type="hidden" name="lti_storage_nonce" value="">
</form>`;
  const script = `${STORAGE_CLIENT}
var cfg=${scriptJson({ target: params.storageTarget, origin: params.authOrigin, state: params.state, nonce: params.nonce })};
var send=ltiStorage(cfg);
var form=document.getElementById("confirm");
withTimeout(Promise.all([
  send("lti.get_data",{key:"state_"+cfg.state}),
  send("lti.get_data",{key:"nonce_"+cfg.nonce})
]),3000).then(function(answers){
  form.elements.lti_storage_state.value=String(answers[0].value==null?"":answers[0].value);
  form.elements.lti_storage_nonce.value=String(answers[1].value==null?"":answers[1].value);
  form.submit();
},function(){document.getElementById("failed").hidden=false;});`;
  return { html: htmlPage({ locale, title: words.checking, body, nonce, script }), csp: ltiPageCsp({ nonce, frameAncestors }) };
}

/**
 * After a launch: go on to the activity once the session is known to have stuck; otherwise
 * (the browser did not keep the frame's cookie) offer the activity in a new window.
 */
export function launchedPage(params: { userId: string; target: string; handoffUrl: string | null }, locale: Locale, frameAncestors: readonly string[]): RenderedPage {
  const words = ltiPageWords(locale);
  const nonce = newNonce();
  const fallback = params.handoffUrl ? newWindowSection(locale, params.handoffUrl, words.launchedFallback, true) : "";
  const body = `<div id="opening"><h1>${escapeHtml(words.launchedTitle)}</h1>
<noscript><p><a href="${escapeHtml(params.target)}">${escapeHtml(words.continueHere)}</a></p></noscript></div>
${fallback}`;
  const script = `var cfg=${scriptJson(params)};
function fallback(){var section=document.getElementById("new-window");if(!section){window.location.replace(cfg.target);return;}document.getElementById("opening").hidden=true;section.hidden=false;}
fetch("/api/lti/session",{credentials:"same-origin",cache:"no-store"}).then(function(r){return r.json();}).then(function(s){if(s&&s.userId===cfg.userId)window.location.replace(cfg.target);else fallback();},fallback);
${OPENED_SCRIPT(words.newWindowOpened)}`;
  return { html: htmlPage({ locale, title: words.launchedTitle, body, nonce, script }), csp: ltiPageCsp({ nonce, frameAncestors }) };
}

/** A first launch whose email belongs to an existing account: link it (sign in once) or use a separate account. */
export function pendingIdentityPage(
  params: { token: string; email: string; platformName: string; linkUrl: string; identityUrl: string; notLinkedYet?: boolean },
  locale: Locale,
  frameAncestors: readonly string[],
): RenderedPage {
  const words = ltiPageWords(locale);
  const nonce = newNonce();
  const token = escapeHtml(params.token);
  const body = `<h1>${escapeHtml(words.pendingTitle)}</h1>
<p>${escapeHtml(words.pendingHelp(params.email, params.platformName))}</p>
${params.notLinkedYet ? `<p role="alert" class="panel">${escapeHtml(words.notLinkedYet)}</p>` : ""}
<p class="actions"><a class="button" href="${escapeHtml(params.linkUrl)}" target="_blank" rel="noopener">${escapeHtml(words.linkButton)}</a></p>
<form method="post" action="${escapeHtml(params.identityUrl)}"><input type="hidden" name="token" value="${token}"><input type="hidden" name="action" value="continue">
<button class="button secondary" type="submit">${escapeHtml(words.linkedContinue)}</button></form>
<section class="panel" aria-labelledby="separate-title"><h2 id="separate-title" class="small-heading">${escapeHtml(words.separate)}</h2>
<p class="muted">${escapeHtml(words.separateHelp)}</p>
<form method="post" action="${escapeHtml(params.identityUrl)}"><input type="hidden" name="token" value="${token}"><input type="hidden" name="action" value="separate">
<button class="button secondary" type="submit">${escapeHtml(words.separate)}</button></form></section>`;
  return { html: htmlPage({ locale, title: words.pendingTitle, body, nonce }), csp: ltiPageCsp({ nonce, frameAncestors }) };
}

/** The deep-linking response, posted to the LMS's return URL by the browser (Deep Linking 2.0 §4.5). */
export function deepLinkReturnPage(params: { returnUrl: string; jwt: string }, locale: Locale, frameAncestors: readonly string[]): RenderedPage {
  const words = ltiPageWords(locale);
  const nonce = newNonce();
  const body = `<h1>${escapeHtml(words.returningTitle)}</h1>
<form id="return" method="post" action="${escapeHtml(params.returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(params.jwt)}">
<button class="button" type="submit">${escapeHtml(words.returningButton)}</button>
</form>`;
  const script = `document.getElementById("return").submit();`;
  const returnOrigin = new URL(params.returnUrl).origin;
  return { html: htmlPage({ locale, title: words.returningTitle, body, nonce, script }), csp: ltiPageCsp({ nonce, frameAncestors, formAction: [returnOrigin] }) };
}

/**
 * The end of a dynamic registration: what happened, and (on success) the close message the LMS
 * listens for (Dynamic Registration 1.0: `org.imsglobal.lti.close` to the opener or parent).
 */
export function registrationPage(
  outcome:
    | { ok: true; productName: string; clientId: string; deploymentMissing: boolean }
    | { ok: false; refusal: RegistrationRefusal }
    | { ok: false; problem: RegistrationProblem; refusal?: undefined },
  locale: Locale,
  frameAncestors: readonly string[],
): RenderedPage {
  const words = ltiAdminWords(locale).registration;
  const nonce = newNonce();
  if (!outcome.ok) {
    const [title, detail] = outcome.refusal ? [words.refusedTitle, words.refusals[outcome.refusal]] : [words.failedTitle, words.problem(outcome.problem)];
    const body = `<h1>${escapeHtml(title)}</h1><p role="alert" class="panel detail">${escapeHtml(detail)}</p>`;
    return { html: htmlPage({ locale, title, body, nonce, className: "error" }), csp: ltiPageCsp({ nonce, frameAncestors }) };
  }
  const body = `<h1>${escapeHtml(words.registeredTitle)}</h1>
<p>${escapeHtml(words.registeredBody(outcome.productName, outcome.clientId))}</p>
${outcome.deploymentMissing ? `<p class="panel">${escapeHtml(words.deploymentMissing)}</p>` : ""}
<p class="actions"><button class="button" id="close" type="button">${escapeHtml(words.close)}</button></p>`;
  const script = `function closeRegistration(){(window.opener||window.parent).postMessage({subject:"org.imsglobal.lti.close"},"*");}
document.getElementById("close").addEventListener("click",closeRegistration);`;
  return { html: htmlPage({ locale, title: words.registeredTitle, body, nonce, script }), csp: ltiPageCsp({ nonce, frameAncestors }) };
}
