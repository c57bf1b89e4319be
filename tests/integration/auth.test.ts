import { describe, expect, it } from "vitest";
import { authorizeWithPassword } from "@/lib/auth/options.server";
import { createAccount, SIGN_UP_REJECTED } from "@/lib/auth/signup.server";
import { db } from "@/lib/db.server";

const valid = { name: "Grace", email: "Grace@Example.test", password: "a-long-password" };

describe("sign-up", () => {
  it("creates a student with an argon2id hash and a normalised email", async () => {
    expect(await createAccount(valid)).toEqual({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { email: "grace@example.test" } });
    expect(user.role).toBe("STUDENT");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(valid.password);
  });

  it("refuses a second account for the same email without saying it exists", async () => {
    const again = await createAccount({ ...valid, email: "  GRACE@example.TEST ", password: "another-password" });
    expect(again).toEqual({ ok: false, fieldErrors: {}, formError: SIGN_UP_REJECTED });
    expect(SIGN_UP_REJECTED).not.toMatch(/exist|taken|already registered/i);
    expect(await db.user.count({ where: { email: "grace@example.test" } })).toBe(1);
  });

  it.each([
    [{ ...valid, email: "not-an-email" }, "email"],
    [{ ...valid, password: "short" }, "password"],
    [{ ...valid, name: "   " }, "name"],
    [{ ...valid, password: "x".repeat(201) }, "password"],
  ])("rejects invalid input %# with a field error and stores nothing", async (input, field) => {
    const before = await db.user.count();
    const result = await createAccount(input);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.fieldErrors[field as "email"]).toBeTruthy();
    expect(await db.user.count()).toBe(before);
  });

  it("explains a Chinese form's mistakes in Chinese, and refuses a taken email just as vaguely", async () => {
    const before = await db.user.count();
    const invalid = await createAccount({ name: " ", email: "不是邮箱", password: "短" }, "zh");
    expect(invalid).toEqual({
      ok: false,
      fieldErrors: { name: "请输入你的姓名", email: "请输入有效的邮箱地址", password: "至少需要 8 个字符" },
    });
    const taken = await createAccount({ ...valid, email: "grace@example.test" }, "zh");
    expect(taken).toEqual({ ok: false, fieldErrors: {}, formError: "无法用这些信息创建账号。如果你已经有账号，请直接登录。" });
    expect(await db.user.count()).toBe(before);
  });

  it("rejects input that is not an object at all", async () => {
    expect((await createAccount("drop table users")).ok).toBe(false);
    expect((await createAccount(null)).ok).toBe(false);
  });
});

describe("password sign-in", () => {
  it("returns the user with their role for the right password", async () => {
    await createAccount({ name: "Alan", email: "alan@example.test", password: "turing-machine" });
    const user = await authorizeWithPassword({ email: "ALAN@example.test", password: "turing-machine" });
    expect(user).toMatchObject({ email: "alan@example.test", role: "STUDENT", name: "Alan" });
  });

  it("returns nothing for a wrong password, an unknown email or malformed input", async () => {
    expect(await authorizeWithPassword({ email: "alan@example.test", password: "wrong-password" })).toBeNull();
    expect(await authorizeWithPassword({ email: "nobody@example.test", password: "turing-machine" })).toBeNull();
    expect(await authorizeWithPassword({ email: "alan@example.test" })).toBeNull();
    expect(await authorizeWithPassword(undefined)).toBeNull();
  });
});
