import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/capture-lti-keys-${process.pid}-${Date.now()}.json`;
});

import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";
import type { CurrentUser } from "@/lib/auth/session.server";
import { checkCaptureUpload } from "@/lib/capture-challenges/upload.server";
import { db } from "@/lib/db.server";
import { answerDeepLink, deepLinkPickerView } from "@/lib/lti/deep-linking.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { deliverDueJobs } from "@/lib/lti/score-jobs.server";
import type { TestPlatform } from "../support/lti-platform/platform";
import { expectLaunched, launch, platformWithTool, seedCourse, TOOL_ORIGIN } from "./lti-helpers";

/**
 * A capture challenge placed in an LMS: the instructor deep-links it, a learner launched from the
 * LMS uploads a capture, and the gradebook's grade for it reaches the LMS's line item (the test
 * platform, tests/support/lti-platform). The upload route queues scores with afterEvidenceWrite
 * after a stored success, as called here.
 */
const CHALLENGE = "capture-unread-rst";
const capture = (file: string) => new Uint8Array(readFileSync(path.join(process.cwd(), "tests", "fixtures", "capture-challenges", file)));
const platforms: TestPlatform[] = [];

afterAll(async () => {
  for (const platform of platforms) await platform.stop();
  expect(platforms.flatMap((platform) => platform.violations)).toEqual([]);
});

const asCurrentUser = (id: string): Promise<CurrentUser> => db.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true, role: true } });

describe("capture challenges in an LMS", () => {
  it("offers a capture challenge in the deep-link picker and passes a success back as full marks", async () => {
    const setup = await platformWithTool();
    platforms.push(setup.platform);
    const course = seedCourse(setup.platform, { learners: 1 });
    const deepLink = expectLaunched((await launch(setup.platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId })).outcome);
    const teacher = await asCurrentUser(deepLink.provisioned.user.id);
    const requestId = deepLink.provisioned.deepLinkRequestId as string;
    const picker = await deepLinkPickerView(teacher, requestId);
    if (!picker.ok) throw new Error(picker.refusal);
    expect(picker.view.items).toEqual(expect.arrayContaining([expect.objectContaining({ type: "CHALLENGE", id: CHALLENGE })]));
    const answer = await answerDeepLink(teacher, { requestId, items: [{ target: `CHALLENGE:${CHALLENGE}`, title: "Unread data", points: 4 }] }, TOOL_ORIGIN);
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    const link = (await setup.platform.acceptDeepLinkingResponse(answer.jwt)).createdLinks[0]!;

    const lmsLearner = course.learners[0]!;
    const launched = expectLaunched((await launch(setup.platform, { userId: lmsLearner.id, resourceLinkId: link.id })).outcome);
    expect(launched.provisioned.target).toContain(CHALLENGE);
    const learner = await asCurrentUser(launched.provisioned.user.id);
    await db.captureChallengeValues.create({ data: { userId: learner.id, challengeId: CHALLENGE, ...TEST_CAPTURE_VALUES } });

    // A miss sends nothing; the capture that meets the goal sends the assignment's points.
    const miss = await checkCaptureUpload(learner, CHALLENGE, capture("capture-unread-rst.read-before-close.pcap"), { locale: "en", keep: false });
    expect(miss).toMatchObject({ ok: true, stored: null });
    await deliverDueJobs();
    expect(setup.platform.scores.filter((s) => s.body.userId === lmsLearner.id && Number(s.body.scoreGiven ?? 0) > 0)).toHaveLength(0);

    const hit = await checkCaptureUpload(learner, CHALLENGE, capture("capture-unread-rst.pcap"), { locale: "en", keep: false });
    expect(hit).toMatchObject({ ok: true, stored: "new" });
    await afterEvidenceWrite(learner.id);
    expect((await deliverDueJobs()).delivered).toBeGreaterThanOrEqual(1);
    const received = setup.platform.scores.filter((s) => s.body.userId === lmsLearner.id);
    expect(received.at(-1)).toMatchObject({ lineItemId: link.lineItemId, body: { scoreGiven: 4, scoreMaximum: 4, gradingProgress: "FullyGraded" } });
  });
});
