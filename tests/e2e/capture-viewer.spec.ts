import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectNoHorizontalOverflow } from "./simulator-support";
import { approach, expectNoSeriousA11yViolations } from "./support";

test("a shipped sample renders its connection: ladder, packets and inferred states", async ({ page }) => {
  await page.goto("/course/tcp-header-and-flags");
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  // A lesson loads an interactive part when the reader comes near it (ADR 0950).
  await approach(viewer);
  await expect(viewer.getByLabel("Connection", { exact: true })).toContainText("127.0.0.1");
  await expect(viewer.getByRole("img", { name: "Sequence diagram" })).toBeVisible();
  await expect(viewer.getByRole("table")).toContainText("[FIN, ACK]");
  await expect(viewer.locator("tbody tr[aria-rowindex]")).toHaveCount(8);
  await expect(viewer).toContainText("CLOSED → SYN-SENT → ESTABLISHED → FIN-WAIT-1");
  // Selecting a packet shows the states right after it, as the reader inferred them.
  await viewer.getByRole("button", { name: "Segment 1", exact: true }).click();
  await expect(viewer.getByRole("img", { name: /client in SYN-SENT.*server in SYN-RECEIVED/ })).toBeVisible();
  await viewer.getByRole("button", { name: "Segment 2", exact: true }).click();
  await expect(viewer.getByRole("img", { name: /client in ESTABLISHED.*server in SYN-RECEIVED/ })).toBeVisible();
});

test("switching samples and opening a file of one's own, read in the browser", async ({ page }) => {
  await page.goto("/playground");
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  // The playground loads a part when the reader comes near it (ADR 0950).
  await approach(viewer);
  await viewer.getByLabel("Sample capture").selectOption("simultaneous-close");
  await expect(viewer.getByLabel("Connection", { exact: true })).toContainText("client TIME-WAIT, server TIME-WAIT");
  await expect(viewer).toContainText("FIN-WAIT-1 → CLOSING → TIME-WAIT");

  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") uploads.push(request.url());
  });
  await viewer.getByLabel("Open a capture file (.pcap, .pcapng)").setInputFiles({
    name: "refused.pcap",
    mimeType: "application/vnd.tcpdump.pcap",
    buffer: readFileSync("tests/fixtures/tcp/captures/refused.pcap"),
  });
  await expect(viewer).toContainText("refused.pcap: pcap, 2 packets");
  await expect(viewer.getByRole("table")).toContainText("[RST, ACK]");
  expect(uploads.filter((url) => !url.includes("/api/auth"))).toEqual([]);
});

/** The playground's capture viewer in a language, and its file picker. */
async function playgroundViewer(page: Page, path: string, region: string, pickerLabel: string) {
  await page.goto(path);
  const viewer = page.getByRole("region", { name: region });
  // The playground loads a part when the reader comes near it (ADR 0950).
  await approach(viewer);
  return { viewer, picker: viewer.getByLabel(pickerLabel) };
}

const REFUSED = readFileSync("tests/fixtures/tcp/captures/refused.pcap");
/** Cut inside the last packet (what can be read is shown, with a warning), and inside the file header (nothing can be). */
const CUT = { name: "cut.pcap", mimeType: "application/octet-stream", buffer: REFUSED.subarray(0, REFUSED.length - 7) };
const STUB = { name: "stub.pcap", mimeType: "application/octet-stream", buffer: REFUSED.subarray(0, 10) };

test("malformed files get clear messages naming the byte offset", async ({ page }) => {
  const { viewer, picker } = await playgroundViewer(page, "/playground", "Capture viewer", "Open a capture file (.pcap, .pcapng)");

  await picker.setInputFiles(CUT);
  await expect(viewer.getByRole("status").filter({ hasText: "problem" })).toContainText(/truncated packet record at byte \d+: header says \d+ bytes, \d+ remain/);

  await picker.setInputFiles(STUB);
  await expect(viewer.getByRole("alert")).toContainText("stub.pcap could not be read. truncated pcap file header at byte 0: 24 bytes needed, 10 present");

  await picker.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("this is not a capture file at all") });
  await expect(viewer.getByRole("alert")).toContainText("notes.txt could not be read. not a pcap or pcapng file at byte 0");
});

test("a Chinese page words the reader's problems in Chinese, keeping the byte offset", async ({ page }) => {
  const { viewer, picker } = await playgroundViewer(page, "/zh/playground", "抓包查看器", "打开抓包文件（.pcap、.pcapng）");

  await picker.setInputFiles(CUT);
  await expect(viewer.getByRole("status").filter({ hasText: "问题" })).toContainText(/第 \d+ 字节处：分组记录不完整（头部声明 \d+ 字节，只剩 \d+ 字节）/);

  await picker.setInputFiles(STUB);
  await expect(viewer.getByRole("alert")).toContainText("无法读取 stub.pcap。第 0 字节处：pcap 文件头不完整（需要 24 字节，只剩 10 字节）");
});

test("the capture viewer works at phone width @phone", async ({ page }) => {
  await page.goto("/course/tcp-header-and-flags");
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  await approach(viewer);
  await expect(viewer.getByRole("img", { name: "Sequence diagram" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

for (const scheme of ["light", "dark"] as const) {
  test(`each inferred state change is explained: its segment, its RFC 9293 rule, how crossing FINs were read; by keyboard (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/playground");
    const viewer = page.getByRole("region", { name: "Capture viewer" });
    // The playground loads a part when the reader comes near it (ADR 0950).
    await approach(viewer);
    await viewer.getByLabel("Sample capture").selectOption("simultaneous-close");
    await expect(viewer.getByLabel("Connection", { exact: true })).toContainText("client TIME-WAIT, server TIME-WAIT");
    const why = viewer.getByRole("region", { name: "Why the states changed" });
    await expect(why).toContainText("Select a packet to see what it changed.");

    // Both first FINs were lost; the client gets the server's second FIN before the ACK of its own.
    await viewer.getByRole("button", { name: "Segment 6", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(why).toContainText("What frame 6 changed");
    await expect(why).toContainText("Frame 6, FIN+ACK from the server, received by the client: client FIN-WAIT-1 → CLOSING");
    await expect(why).toContainText("RFC 9293 §3.10.7.4 (eighth, the FIN bit); Linux tcp_fin()");
    await expect(why).toContainText("It crossed the client's frame 7 on the wire: frame 7 does not acknowledge it, so the client sent frame 7 before this one arrived.");

    await viewer.getByRole("button", { name: "Segment 3", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(why).toContainText("The server's frame 5 echoes its timestamp (TSecr no older than its TSval): it had arrived by then.");

    // Every change of the connection, on request, by keyboard.
    await why.getByText("All 10 state changes, explained").focus();
    await page.keyboard.press("Enter");
    await expect(why.getByRole("listitem")).toHaveCount(1 + 10);
    await expect(why.getByRole("listitem").last()).toContainText("Frame 9, ACK from the server, received by the client: client CLOSING → TIME-WAIT");
    await expectNoSeriousA11yViolations(page);
  });
}

test("the explanations speak Chinese on Chinese pages", async ({ page }) => {
  await page.goto("/zh/playground");
  const viewer = page.getByRole("region", { name: "抓包查看器" });
  // The playground loads a part when the reader comes near it (ADR 0950).
  await approach(viewer);
  await viewer.getByLabel("示例抓包").selectOption("simultaneous-close");
  const why = viewer.getByRole("region", { name: "状态为什么变化" });
  await viewer.getByRole("button", { name: "报文段 6", exact: true }).click();
  await expect(why).toContainText("第 6 帧引起的变化");
  await expect(why).toContainText("第 6 帧，服务端发出的 FIN+ACK 被客户端收到：客户端 FIN-WAIT-1 → CLOSING");
  await expect(why).toContainText("RFC 9293 §3.10.7.4（第八步，检查 FIN 位）；Linux tcp_fin()");
  await expect(why).toContainText("它在途中与客户端的第 7 帧交错");
  await expectNoSeriousA11yViolations(page);
});

test("the explanations fit a phone screen @phone", async ({ page }) => {
  await page.goto("/playground");
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  // The playground loads a part when the reader comes near it (ADR 0950).
  await approach(viewer);
  await viewer.getByLabel("Sample capture").selectOption("simultaneous-close");
  await viewer.getByRole("button", { name: "Segment 6", exact: true }).click();
  const why = viewer.getByRole("region", { name: "Why the states changed" });
  await why.scrollIntoViewIfNeeded();
  await expect(why).toContainText("client FIN-WAIT-1 → CLOSING");
  await expectNoHorizontalOverflow(page);
});
