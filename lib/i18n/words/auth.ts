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
    signInRateLimited: "Too many sign-in attempts. Wait 15 minutes and try again.",
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
      signInRateLimited: "登录尝试次数过多。请等待 15 分钟后再试。",
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
