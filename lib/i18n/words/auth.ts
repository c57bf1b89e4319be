/**
 * The words of signing in and signing up, in each language. The validation messages are used by
 * the server too (lib/auth/credentials.ts builds the sign-up schema from them), so a Chinese
 * reader's mistakes are explained in Chinese.
 */
import { defineWords } from "./define";

const en = {
  signIn: {
    title: "Sign in",
    intro: "Pick up where you left off and keep your progress in your class.",
    submit: "Sign in",
    pending: "Signing in…",
    or: "or",
    continueWith: (provider: string) => `Continue with ${provider}`,
    newHere: "New here?",
    createAccount: "Create an account",
    sessionEnded: "Your session ended. Sign in again to carry on.",
    /** After repeated failures each attempt waits longer (ADR 0012); the owner's usual browser is not slowed. */
    wait: (seconds: number) =>
      `Too many failed attempts. Try again in ${seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`}.`,
  },
  signUp: {
    metaTitle: "Create an account",
    title: "Create your account",
    intro: "Save your progress, take quizzes for your class and see what to do next.",
    submit: "Create account",
    pending: "Creating your account…",
    passwordHint: "At least 8 characters.",
    haveAccount: "Already have an account?",
    signIn: "Sign in",
  },
  account: {
    title: "Your account",
    name: "Name",
    email: "Email",
    passwordTitle: "Password",
    currentPassword: "Current password",
    newPassword: "New password",
    changePassword: "Change password",
    changingPassword: "Changing your password…",
    passwordChanged: "Your password is changed. Every other device where you were signed in has been signed out.",
    currentPasswordWrong: "That is not your current password",
    noPassword: "You sign in with a link or another service, so this account has no password to change.",
    sessionsTitle: "Where you are signed in",
    sessionsIntro: "If you signed in on a computer you no longer use, or think someone else has your session, sign out everywhere. You will need your password to sign in again.",
    signOutEverywhere: "Sign out everywhere",
    signingOutEverywhere: "Signing out everywhere…",
    sessionEnded: "Your session ended. Sign in again.",
  },
  fields: { name: "Name", email: "Email", password: "Password" },
  validation: {
    nameRequired: "Enter your name",
    nameTooLong: "Use at most 80 characters",
    emailInvalid: "Enter a valid email address",
    emailTooLong: "Email is too long",
    passwordRequired: "Enter your password",
    passwordTooShort: "Use at least 8 characters",
    passwordTooLong: "Use at most 200 characters",
  },
  errors: {
    credentials: "Email or password is incorrect.",
    oauthNotLinked: "Sign in the way you signed up the first time.",
    emailSignin: "We could not send the sign-in email. Try again later.",
    verification: "That sign-in link has expired or was already used.",
    signInFailed: "Sign-in failed. Try again.",
    /** Deliberately vague: saying "this email is taken" would tell anyone who has an account. */
    signUpRejected: "We couldn't create an account with these details. If you already have one, sign in instead.",
    signUpRateLimited: "Too many sign-ups from your network. Wait a while and try again.",
    createdButSignInFailed: "Your account was created, but signing in failed. Try signing in.",
    serverFailed: "Something went wrong on our side. Nothing was saved; try again.",
  },
};

export type AuthWords = typeof en;

export const authWords = defineWords<AuthWords>({
  en,
  zh: {
    signIn: {
      title: "登录",
      intro: "从上次停下的地方继续，并把学习进度保存在你的班级里。",
      submit: "登录",
      pending: "正在登录…",
      or: "或者",
      continueWith: (provider) => `使用 ${provider} 继续`,
      newHere: "还没有账号？",
      createAccount: "注册一个",
      sessionEnded: "你的登录已失效，请重新登录后继续。",
      wait: (seconds) => `失败次数过多，请在 ${seconds < 90 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`}后再试。`,
    },
    signUp: {
      metaTitle: "注册",
      title: "创建你的账号",
      intro: "保存学习进度，完成班级布置的测验，并看到接下来该学什么。",
      submit: "创建账号",
      pending: "正在创建账号…",
      passwordHint: "至少 8 个字符。",
      haveAccount: "已经有账号了？",
      signIn: "登录",
    },
    account: {
      title: "你的账号",
      name: "姓名",
      email: "邮箱",
      passwordTitle: "密码",
      currentPassword: "当前密码",
      newPassword: "新密码",
      changePassword: "修改密码",
      changingPassword: "正在修改密码…",
      passwordChanged: "密码已修改。你在其他设备上的登录都已退出。",
      currentPasswordWrong: "当前密码不正确",
      noPassword: "你通过登录链接或其他服务登录，这个账号没有可修改的密码。",
      sessionsTitle: "登录的设备",
      sessionsIntro: "如果你在不再使用的电脑上登录过，或者怀疑别人拿到了你的登录状态，请在所有设备上退出。之后需要用密码重新登录。",
      signOutEverywhere: "在所有设备上退出",
      signingOutEverywhere: "正在所有设备上退出…",
      sessionEnded: "你的登录已失效，请重新登录。",
    },
    fields: { name: "姓名", email: "邮箱", password: "密码" },
    validation: {
      nameRequired: "请输入你的姓名",
      nameTooLong: "最多 80 个字符",
      emailInvalid: "请输入有效的邮箱地址",
      emailTooLong: "邮箱地址太长",
      passwordRequired: "请输入密码",
      passwordTooShort: "至少需要 8 个字符",
      passwordTooLong: "最多 200 个字符",
    },
    errors: {
      credentials: "邮箱或密码不正确。",
      oauthNotLinked: "请使用你第一次注册时的方式登录。",
      emailSignin: "无法发送登录邮件，请稍后再试。",
      verification: "这个登录链接已过期或已被使用。",
      signInFailed: "登录失败，请重试。",
      signUpRejected: "无法用这些信息创建账号。如果你已经有账号，请直接登录。",
      signUpRateLimited: "来自你所在网络的注册次数过多。请稍等一会儿再试。",
      createdButSignInFailed: "账号已创建，但自动登录失败。请手动登录。",
      serverFailed: "服务器出了问题，没有保存任何内容，请重试。",
    },
  },
});
