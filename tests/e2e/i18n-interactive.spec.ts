import { expect, test, type Locator, type Page } from "@playwright/test";
import { getChallenge } from "../../domain/challenges/registry";
import { approach, bringPartsToLife, expectNoSeriousA11yViolations, waitForHydration } from "./support";
import { expectNoHorizontalOverflow } from "./simulator-support";

/**
 * Chinese lessons and /zh/playground: every interactive component speaks Chinese, in what it
 * shows and in what it tells assistive technology. Technical names (SYN, ESTABLISHED, sysctls,
 * errno names) stay as they are, so the checks look for the English interface's own phrases.
 */

/** A challenge's words in Chinese, as the registry declares them. */
const chinese = (id: string) => getChallenge(id)!.text.zh;

const ENGLISH_UI = [
  /\bStep\b/,
  /Step back/,
  /Loading the/,
  /Check my solution/,
  /Segments in flight/,
  /\bPlayback\b/,
  /\bScenario\b/,
  /\bSpeed\b/,
  /\bReset\b/,
  /Show hint/,
  /Hide hint/,
  /\bChallenge\b/,
  /Starting point/,
  /Sequence diagram/,
  /State diagram/,
  /Packet list/,
  /\bDirection\b/,
  /\bNotes\b/,
  /Time \(s\)/,
  /\bClient\b/,
  /\bServer\b/,
  /\bactions\b/,
  /\bSegment \d/,
  /\bLegend\b/,
  /\bRunning the lab/,
  /Recomputing/,
  /Computed in/,
  /Requests per/,
  /Who closes first/,
  /Data table/,
  /\(slider\)/,
  /\bper second\b/,
  /\bsockets\b/,
  /Capture viewer/,
  /Sample capture/,
  /\bpackets\b/,
  /\bConnection\b/,
  /Not yet\./,
  /Goal reached/,
  /Quiz progress/,
  /Check answer/,
  /\bQuestion \d/,
];

/** The English interface phrases left in a component: in its visible text, its labels and its tooltips. */
async function englishLeftovers(region: Locator): Promise<string[]> {
  const texts = await region.evaluate((root) => {
    const out: string[] = [(root as HTMLElement).innerText];
    for (const element of [root, ...root.querySelectorAll("*")]) {
      for (const attribute of ["aria-label", "title", "aria-valuetext"]) {
        const value = element.getAttribute(attribute);
        if (value) out.push(value);
      }
      if (element.tagName.toLowerCase() === "title" && element.textContent) out.push(element.textContent);
    }
    return out;
  });
  return texts.flatMap((text) => ENGLISH_UI.filter((pattern) => pattern.test(text)).map((pattern) => `${pattern}: “${text.slice(0, 120)}”`));
}

async function expectChinese(region: Locator) {
  expect(await englishLeftovers(region)).toEqual([]);
  await expect(region).toContainText(/\p{Script=Han}/u);
}

function simulatorRegion(page: Page, index = 0): Locator {
  return page.getByRole("region", { name: "TCP 模拟器" }).nth(index);
}

test("a Chinese lesson's simulators, challenge and quiz speak Chinese", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/zh/course/closing-states");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  // The simulator: stepping narrates in Chinese; packet list, cards and state diagram follow.
  const sim = simulatorRegion(page);
  await approach(sim);
  await expect(sim.getByText("准备就绪。按“单步”运行第一个事件。")).toBeVisible();
  for (let i = 0; i < 3; i++) await sim.getByRole("button", { name: "单步", exact: true }).click();
  await expect(sim.getByText(/^第 3 步，共 \d+ 步/)).toBeVisible();
  await expect(sim.getByRole("status")).toContainText("秒：");
  const table = sim.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "方向" })).toBeVisible();
  await expect(table).toContainText("客户端 → 服务端");
  await expect(sim.getByRole("button", { name: "报文段 1" })).toBeVisible();
  await expect(sim.getByRole("img", { name: /^状态图：客户端处于/ })).toBeAttached();
  await expect(sim.getByRole("group", { name: "序列图（可用方向键滚动）" })).toBeVisible();
  await expectChinese(sim);

  // A challenge: reached with the learner's own actions, verified by the server in Chinese.
  const texts = chinese("stuck-close-wait");
  const challenge = page.getByRole("region", { name: `挑战：${texts.title}` });
  await approach(challenge);
  await expect(challenge.getByText(texts.instructions)).toBeVisible();
  await challenge.getByRole("button", { name: "显示提示" }).click();
  await expect(challenge.getByText(texts.hint)).toBeVisible();
  for (let i = 0; i < 5; i++) await challenge.getByRole("button", { name: "单步", exact: true }).click();
  await expect(challenge.getByText("ESTABLISHED", { exact: true }).first()).toBeVisible();
  await challenge.getByRole("group", { name: "客户端操作" }).getByRole("button", { name: "关闭", exact: true }).click();
  await expect(challenge.getByText("你的操作记录里有 1 个操作。")).toBeVisible();
  await challenge.getByRole("button", { name: "检查我的答案" }).click();
  await expect(challenge.getByText("目标达成，已由服务器验证。")).toBeVisible();
  await expect(challenge).toContainText(texts.feedback.reached!);
  await expect(challenge).toContainText("登录后即可把它保存到你的学习进度");
  await expectChinese(challenge);

  // A near miss elsewhere on the page: the server's "not yet" comes in Chinese too.
  const other = page.getByRole("region", { name: `挑战：${chinese("reset-the-peer").title}` });
  await approach(other);
  await other.getByRole("button", { name: "检查我的答案" }).click();
  await expect(other.getByText("还没有。")).toBeVisible();
  await expect(other).toContainText(chinese("reset-the-peer").feedback["no-error"]!);

  // The quiz: one question answered.
  const quiz = page.locator("section#quiz-closing-states");
  await approach(quiz);
  await expect(quiz.getByRole("heading", { name: /^第 1 题，共 \d+ 题$/ })).toBeVisible();
  await quiz.getByRole("radio").first().check();
  await quiz.getByRole("button", { name: "提交答案" }).click();
  await expect(quiz.getByRole("region", { name: /^(回答正确|不太对)$/ })).toBeVisible();
  await expectChinese(quiz);

  for (const region of await page.getByRole("region", { name: /^(TCP 模拟器|挑战：)/ }).all()) await expectChinese(region);
  await expectNoSeriousA11yViolations(page);
});

test("a Chinese lesson's labs explain their results in Chinese and label their charts in it", async ({ page }) => {
  await page.goto("/zh/course/many-time-wait-sockets");
  const lab = page.getByRole("region", { name: "TIME-WAIT 实验" });
  await approach(lab);
  const status = lab.getByRole("status");
  await expect(status).toContainText("EADDRNOTAVAIL");
  await expect(status).toContainText(/\p{Script=Han}/u);
  await lab.getByRole("radio", { name: "服务端" }).check();
  await expect(status).toContainText("服务端");
  const rate = lab.getByLabel("每秒请求数", { exact: true });
  await rate.fill("400");
  await rate.press("Tab");
  await expect(lab.getByLabel("每秒请求数（滑块）")).toHaveAttribute("aria-valuetext", "400");
  await expect(lab.getByRole("img", { name: /^处于 TIME-WAIT 的套接字。峰值/ })).toBeVisible();
  await lab.getByText("数据表：空闲的临时端口").click();
  await expect(lab.getByRole("columnheader", { name: "秒", exact: true })).toBeVisible();
  await expect(lab.getByText("正在重新计算…")).toBeHidden();
  await expect(lab.getByText(/^已在后台线程（Web Worker）中算完，用时 \d+ 毫秒。$/)).toBeVisible();
  await expectChinese(lab);

  const syn = page.getByRole("region", { name: "SYN 队列实验" });
  await approach(syn);
  await expect(syn.getByRole("status")).toContainText("SYN cookie");
  await syn.getByRole("radio", { name: "0（关闭）" }).check();
  await expect(syn.getByRole("status")).toContainText("个 SYN 被丢弃");
  await expect(syn.getByRole("img", { name: /^每秒完成的握手数。/ })).toBeVisible();
  await expectChinese(syn);
  await expectNoSeriousA11yViolations(page);
});

test("a Chinese lesson's capture viewer reads a capture in Chinese", async ({ page }) => {
  await page.goto("/zh/course/tcp-header-and-flags");
  const viewer = page.getByRole("region", { name: "抓包查看器" });
  await approach(viewer);
  await expect(viewer.getByText(/个 TCP 报文段，1 条连接/)).toBeVisible();
  await expect(viewer.getByLabel("示例抓包")).toHaveValue("passive-close-immediate");
  await expect(viewer.getByRole("option", { name: "三个报文段的关闭" })).toBeAttached();
  // The file picker's own words, not the browser's.
  await expect(viewer.getByText("选择文件…")).toBeVisible();
  await expect(viewer.getByText("未选择文件")).toBeVisible();
  await expect(viewer.getByText("抓包结束时的状态，由分组推断得出。")).toBeVisible();
  await viewer.getByRole("button", { name: /^报文段 \d+$/ }).first().click();
  await expect(viewer.getByText(/^第 \d+ 帧（帧序号）之后的状态/)).toBeVisible();
  await expectChinese(viewer);
  await expectNoSeriousA11yViolations(page);
});

test("the Chinese playground: reached from the Chinese header, everything in Chinese, and the language switch keeps its state", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/zh");
  await page.getByRole("navigation", { name: "主导航", exact: true }).getByRole("link", { name: "演练场" }).click();
  await expect(page).toHaveURL(/\/zh\/playground$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "演练场" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "挑战" })).toBeVisible();

  const sim = simulatorRegion(page);
  await expect(sim.getByLabel("场景")).toHaveValue("three-way-handshake");
  await sim.getByRole("button", { name: "单步", exact: true }).click();
  await expect(sim.getByText(/^第 1 步，共/)).toBeVisible();

  const title = chinese("refused-connect").title;
  await page.getByRole("button", { name: `试一试 挑战：${title}` }).click();
  const challenge = page.getByRole("region", { name: `挑战：${title}` });
  await expect(challenge).toBeVisible();
  await challenge.getByRole("group", { name: "客户端操作" }).getByRole("button", { name: "连接", exact: true }).click();
  await challenge.getByRole("button", { name: "检查我的答案" }).click();
  await expect(challenge.getByText("目标达成，已由服务器验证。")).toBeVisible();

  // Reached through the client router, each part loads as the reader comes near it (ADR 0950).
  await bringPartsToLife(page);
  for (const name of ["TCP 模拟器", `挑战：${title}`, "TIME-WAIT 实验", "SYN 队列实验", "抓包查看器"]) {
    const region = page.getByRole("region", { name }).first();
    await region.scrollIntoViewIfNeeded();
    if (name === "抓包查看器") await expect(region.getByText(/条连接（读取用时/)).toBeVisible();
    if (name.endsWith("实验")) await expect(region.getByText(/^已在后台线程/)).toBeVisible();
    await expectChinese(region);
  }
  await expect(page.getByRole("button", { name: "复制指向当前状态的链接" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The language switch leads to the English playground with the same state.
  await page.waitForURL(/\/zh\/playground\?.*challenge=refused-connect/);
  await waitForHydration(page);
  await page.getByRole("banner").getByRole("link", { name: /English/ }).click();
  await expect(page).toHaveURL(/\/playground\?.*challenge=refused-connect/);
  expect(new URL(page.url()).pathname).toBe("/playground");
  await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Challenge: Get a connection refused" })).toBeVisible();
});

test("a refused shared link is explained in Chinese on /zh/playground", async ({ page }) => {
  await page.goto("/zh/playground?p=four-way-close&a=100cQ&tw=1.2");
  const alert = page.getByRole("alert").filter({ hasText: "无法恢复这个分享链接" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("的格式不对");
  await expect(alert).toContainText("应为用点号分隔的 9 个值");
});

test("the Chinese playground and a Chinese lab fit a phone @phone", async ({ page }) => {
  await page.goto("/zh/playground");
  await expect(simulatorRegion(page)).toBeVisible();
  await approach(page.getByRole("region", { name: "TIME-WAIT 实验" }));
  await expect(page.getByRole("region", { name: "TIME-WAIT 实验" }).getByText(/^已在后台线程/)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.goto("/zh/course/many-time-wait-sockets");
  // A lesson loads a lab when the reader comes near it (ADR 0950).
  await approach(page.getByRole("region", { name: "SYN 队列实验" }));
  await expect(page.getByRole("region", { name: "SYN 队列实验" }).getByRole("status")).toContainText("SYN");
  await expectNoHorizontalOverflow(page);
});
