/**
 * Capture challenge uploads on a real database: a real Linux capture that meets the goal with
 * the learner's issued values becomes a completion with its evidence (never the file); one that
 * misses, or that was taken with someone else's values, stores nothing; kept packets belong to
 * their owner alone and can be deleted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CaptureValues } from "@/domain/capture-challenges";
import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";
import type { CurrentUser } from "@/lib/auth/session.server";
import { captureEvidenceFor, deleteKeptCapture, keptCaptureOf } from "@/lib/capture-challenges/evidence.server";
import { checkCaptureUpload, checkVisitorCaptureUpload, UPLOAD_LIMITS } from "@/lib/capture-challenges/upload.server";
import { accountCaptureValues, reissueCaptureValues, visitorCaptureValues } from "@/lib/capture-challenges/values.server";
import { completionsFor } from "@/lib/challenges/completions.server";
import { createClass } from "@/lib/classes/classes.server";
import { gradeForStudent } from "@/lib/gradebook/grade.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import { db } from "@/lib/db.server";
import { hitRateLimit } from "@/lib/security/rate-limit.server";
import { createUser } from "../factories/users";
import type { Locale } from "@/domain/locale";

const DIR = path.join(process.cwd(), "tests", "fixtures", "capture-challenges");
const capture = (file: string) => new Uint8Array(readFileSync(path.join(DIR, file)));

/** A learner whose issued values are the ones the committed captures were recorded with. */
async function learner(challengeId: string, values: CaptureValues = TEST_CAPTURE_VALUES): Promise<CurrentUser> {
  const user = (await createUser()) as CurrentUser;
  await db.captureChallengeValues.create({ data: { userId: user.id, challengeId, ...values } });
  return user;
}

/** A learner's upload, or a visitor's (`user` null) with this browser's visitor id. */
const upload = (user: CurrentUser | null, challengeId: string, bytes: Uint8Array, options: { keep?: boolean; locale?: Locale; visitorId?: string } = {}) =>
  user
    ? checkCaptureUpload(user, challengeId, bytes, { locale: options.locale ?? "en", keep: options.keep ?? false, visitorId: options.visitorId ?? null })
    : checkVisitorCaptureUpload(options.visitorId ?? null, challengeId, bytes, { locale: options.locale ?? "en" });

describe("capture challenge uploads", () => {
  it("records a capture that meets the goal as a completion, with evidence but not the file", async () => {
    const user = await learner("capture-server-time-wait");
    const result = await upload(user, "capture-server-time-wait", capture("capture-server-time-wait.pcap"));
    expect(result).toMatchObject({ ok: true, stored: "new", kept: false, verdict: { reached: true, outcome: "reached" } });
    const completions = await completionsFor(user, ["capture-server-time-wait"]);
    expect(Object.keys(completions)).toEqual(["capture-server-time-wait"]);
    const rows = await db.captureEvidence.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.keptCapture).toBeNull();
    expect(rows[0]!.fileBytes).toBe(capture("capture-server-time-wait.pcap").length);
    expect(JSON.parse(rows[0]!.summary)).toMatchObject({ outcome: "reached", values: TEST_CAPTURE_VALUES, server: "127.0.0.1:23456", frames: [4, 6, 7] });
    const completion = await db.challengeCompletion.findFirstOrThrow({ where: { userId: user.id } });
    expect(JSON.parse(completion.actionLog)).toEqual({ captureEvidence: rows[0]!.id });
  });

  for (const [challengeId, met, missed] of [
    ["capture-connection-refused", "capture-connection-refused.pcap", "capture-connection-refused.listening.pcap"],
    ["capture-half-close", "capture-half-close.pcap", "capture-half-close.close-instead-of-shutdown.pcap"],
    ["capture-syn-retransmission", "capture-syn-retransmission.pcap", "capture-syn-retransmission.answered.pcap"],
    ["capture-unread-rst", "capture-unread-rst.pcap", "capture-unread-rst.read-before-close.pcap"],
  ] as const) {
    it(`${challengeId}: stores nothing for ${missed}, then a completion for ${met}`, async () => {
      const user = await learner(challengeId);
      const miss = await upload(user, challengeId, capture(missed));
      expect(miss).toMatchObject({ ok: true, stored: null, verdict: { reached: false } });
      expect(await db.challengeCompletion.count({ where: { userId: user.id } })).toBe(0);
      expect(await db.captureEvidence.count({ where: { userId: user.id } })).toBe(0);
      const hit = await upload(user, challengeId, capture(met));
      expect(hit).toMatchObject({ ok: true, stored: "new", verdict: { reached: true } });
    });
  }

  it("counts a success for an assignment of the capture challenge, in the gradebook and the LMS grade", async () => {
    const teacher = (await createUser({ role: "INSTRUCTOR" })) as CurrentUser;
    const created = await createClass(teacher, { name: "Capture class", timeZone: "UTC" });
    if (!created.ok) throw new Error("no class");
    const student = await learner("capture-unread-rst");
    const other = await learner("capture-unread-rst");
    const day = 86_400_000;
    for (const s of [student, other]) await db.enrollment.create({ data: { classId: created.id, userId: s.id, joinedAt: new Date(Date.now() - 3 * day) } });
    const assignment = await db.assignment.create({
      data: {
        classId: created.id,
        createdById: teacher.id,
        title: "Unread data",
        targetType: "CHALLENGE",
        targetId: "capture-unread-rst",
        points: 10,
        opensAt: new Date(Date.now() - 2 * day),
        dueAt: new Date(Date.now() + 2 * day),
      },
    });
    // A miss is no evidence; the real capture of the page's commands is.
    expect(await upload(student, "capture-unread-rst", capture("capture-unread-rst.read-before-close.pcap"))).toMatchObject({ stored: null });
    expect(await gradeForStudent(assignment.id, student.id)).toMatchObject({ pointsGiven: null, submittedAt: null });
    expect(await upload(student, "capture-unread-rst", capture("capture-unread-rst.pcap"))).toMatchObject({ stored: "new" });
    const grade = await gradeForStudent(assignment.id, student.id);
    expect(grade).toMatchObject({ status: "submitted", pointsGiven: 10, pointsPossible: 10 });
    expect(grade?.evidence).toHaveLength(1);
    const book = await getGradebook(teacher, created.id);
    expect(book.assignments[0]?.item).toMatchObject({ title: "Capture: Close with unread data and see the RST", href: "/capture-challenges/capture-unread-rst" });
    const cells = book.rows.map((row) => [row.student.id, row.cells[0]?.result.status, row.cells[0]?.result.score]);
    expect(cells).toEqual(expect.arrayContaining([[student.id, "submitted", 10], [other.id, "not-started", null]]));
  });

  it("counts a capture checked inside an assignment's window, not the same file checked before it opened", async () => {
    const teacher = (await createUser({ role: "INSTRUCTOR" })) as CurrentUser;
    const created = await createClass(teacher, { name: "Half-close class", timeZone: "UTC" });
    if (!created.ok) throw new Error("no class");
    const student = await learner("capture-half-close");
    const day = 86_400_000;
    await db.enrollment.create({ data: { classId: created.id, userId: student.id, joinedAt: new Date(Date.now() - 3 * day) } });
    expect(await upload(student, "capture-half-close", capture("capture-half-close.pcap"))).toMatchObject({ stored: "new" });
    const checkedBefore = await db.captureEvidence.findFirstOrThrow({ where: { userId: student.id }, select: { checkedAt: true } });
    const assignment = await db.assignment.create({
      data: {
        classId: created.id,
        createdById: teacher.id,
        title: "Half-close",
        targetType: "CHALLENGE",
        targetId: "capture-half-close",
        points: 5,
        opensAt: new Date(checkedBefore.checkedAt.getTime() + 1),
        dueAt: new Date(Date.now() + 2 * day),
      },
    });
    // The file checked before the assignment opened, handed in again, is not work done for it.
    expect(await upload(student, "capture-half-close", capture("capture-half-close.pcap"))).toMatchObject({ stored: "existing" });
    expect(await gradeForStudent(assignment.id, student.id)).toMatchObject({ pointsGiven: null, submittedAt: null });
    // Another capture meeting the goal, checked now, is.
    expect(await upload(student, "capture-half-close", capture("capture-half-close.pcapng"))).toMatchObject({ stored: "existing" });
    expect(await gradeForStudent(assignment.id, student.id)).toMatchObject({ status: "submitted", pointsGiven: 5 });
    expect(await db.completionEvidence.count({ where: { userId: student.id, targetId: "capture-half-close" } })).toBe(2);
  });

  it("does not pass a classmate's capture: the goal names each learner's own values", async () => {
    const owner = await learner("capture-unread-rst");
    const classmate = await learner("capture-unread-rst", { serverPort: 24000, clientPort: 15000, token: "syn2fin-zzzzzzzz" });
    expect(await upload(owner, "capture-unread-rst", capture("capture-unread-rst.pcap"))).toMatchObject({ stored: "new" });
    const copied = await upload(classmate, "capture-unread-rst", capture("capture-unread-rst.pcap"));
    expect(copied).toMatchObject({ ok: true, stored: null, verdict: { reached: false, outcome: "no-connection" } });
    expect(await completionsFor(classmate, ["capture-unread-rst"])).toEqual({});
  });

  it("does not pass a capture whose port matches but whose token is another learner's", async () => {
    const user = await learner("capture-half-close", { ...TEST_CAPTURE_VALUES, token: "syn2fin-abcdefgh" });
    const result = await upload(user, "capture-half-close", capture("capture-half-close.pcap"));
    expect(result).toMatchObject({ ok: true, stored: null, verdict: { outcome: "no-token" } });
  });

  it("keeps one completion and one evidence row for the same file uploaded again, concurrently", async () => {
    const user = await learner("capture-half-close");
    const bytes = capture("capture-half-close.pcap");
    const results = await Promise.all(Array.from({ length: 4 }, () => upload(user, "capture-half-close", bytes)));
    const stored = results.map((r) => (r.ok ? r.stored : r.error));
    expect(stored.filter((s) => s === "new")).toHaveLength(1);
    expect(stored.filter((s) => s === "existing")).toHaveLength(3);
    expect(await db.challengeCompletion.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.captureEvidence.count({ where: { userId: user.id } })).toBe(1);
    // Another capture meeting the goal (the pcapng of the same run) is more evidence for the same completion.
    expect(await upload(user, "capture-half-close", capture("capture-half-close.pcapng"))).toMatchObject({ stored: "existing" });
    expect(await db.captureEvidence.count({ where: { userId: user.id } })).toBe(2);
  });

  it("keeps the examined connection's packets only when asked, for their owner only, and deletes them on request", async () => {
    const user = await learner("capture-syn-retransmission");
    const other = (await createUser()) as CurrentUser;
    const result = await upload(user, "capture-syn-retransmission", capture("capture-syn-retransmission.pcap"), { keep: true });
    expect(result).toMatchObject({ ok: true, stored: "new", kept: true });
    const [item] = await captureEvidenceFor(user, "capture-syn-retransmission");
    expect(item!.keptBytes).toBeGreaterThan(24);
    expect(item!.keptBytes).toBeLessThan(capture("capture-syn-retransmission.pcap").length);
    expect(await keptCaptureOf(other, item!.id)).toBeNull();
    expect(await deleteKeptCapture(other, item!.id)).toEqual({ ok: false, refusal: "not-found" });
    const kept = await keptCaptureOf(user, item!.id);
    expect(kept?.challengeId).toBe("capture-syn-retransmission");
    expect(await deleteKeptCapture(user, item!.id)).toEqual({ ok: true });
    expect(await keptCaptureOf(user, item!.id)).toBeNull();
    const [after] = await captureEvidenceFor(user, "capture-syn-retransmission");
    expect(after).toMatchObject({ id: item!.id, keptBytes: null, summary: { outcome: "reached" } });
  });

  it("refuses what is not a capture, too large or empty, with a message, storing nothing", async () => {
    const user = await learner("capture-half-close");
    const notCapture = await upload(user, "capture-half-close", new TextEncoder().encode("<html>not a capture</html>"), { locale: "zh" });
    expect(notCapture).toMatchObject({ ok: false, error: "not-a-capture", message: expect.stringMatching(/pcap/) });
    expect(await upload(user, "capture-half-close", new Uint8Array(UPLOAD_LIMITS.maxBytes + 1))).toMatchObject({ ok: false, error: "too-large" });
    expect(await upload(user, "capture-half-close", new Uint8Array(0))).toMatchObject({ ok: false, error: "empty" });
    expect(await upload(user, "no-such-challenge", capture("capture-half-close.pcap"))).toMatchObject({ ok: false, error: "unknown-challenge" });
    expect(await db.captureEvidence.count({ where: { userId: user.id } })).toBe(0);
  });

  it("checks a visitor's capture against the values of their browser and records nothing", async () => {
    const visitorId = "v".repeat(32);
    const values = visitorCaptureValues(visitorId, "capture-half-close");
    expect(visitorCaptureValues(visitorId, "capture-half-close")).toEqual(values);
    expect(visitorCaptureValues("w".repeat(32), "capture-half-close")).not.toEqual(values);
    const result = await upload(null, "capture-half-close", capture("capture-half-close.pcap"), { visitorId });
    expect(result).toMatchObject({ ok: true, stored: null, verdict: { outcome: "no-connection" } });
    expect(await upload(null, "capture-half-close", capture("capture-half-close.pcap"))).toMatchObject({ ok: false, error: "no-values" });
  });

  it("issues an account its values once, carrying over the values its browser was shown as a visitor", async () => {
    const user = (await createUser()) as CurrentUser;
    const carried = visitorCaptureValues("c".repeat(32), "capture-unread-rst");
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => accountCaptureValues(user, "capture-unread-rst", carried)));
    for (const values of concurrent) expect(values).toEqual(carried);
    expect(await accountCaptureValues(user, "capture-unread-rst")).toEqual(carried);
    const fresh = await reissueCaptureValues(user, "capture-unread-rst");
    expect(fresh).not.toEqual(carried);
    expect(await accountCaptureValues(user, "capture-unread-rst", carried)).toEqual(fresh);
  });

  it("limits how many captures one learner checks in a window", async () => {
    const user = await learner("capture-half-close");
    const bytes = capture("capture-half-close.close-instead-of-shutdown.pcap");
    expect((await upload(user, "capture-half-close", bytes)).ok).toBe(true);
    // The same counter the upload uses, filled up to the limit without grading 30 files.
    for (let i = 1; i < UPLOAD_LIMITS.checks.limit; i++) await hitRateLimit(`capture-check:user:${user.id}`, UPLOAD_LIMITS.checks);
    expect(await upload(user, "capture-half-close", bytes)).toMatchObject({ ok: false, error: "rate-limited" });
    const other = await learner("capture-half-close");
    expect((await upload(other, "capture-half-close", bytes)).ok).toBe(true);
  });
});
