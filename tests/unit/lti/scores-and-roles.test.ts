import { describe, expect, it } from "vitest";
import { assignmentResult, type AssignmentRules, type Evidence, type StudentWork } from "@/domain/gradebook/semantics";
import { classRole, contextRole } from "@/lib/lti/roles";
import { gradedWork, isBlank, nextScoreTimestamp, retryDelayMs, scoreBody, scoreFor } from "@/lib/lti/score-mapping";
import { nextLink, scoresUrl } from "@/lib/lti/urls";
import { publishedPayload } from "../../support/lti-fixtures";

const opensAt = new Date("2026-03-01T00:00:00Z");
const dueAt = new Date("2026-03-08T00:00:00Z");
const enrolledAt = new Date("2026-02-20T00:00:00Z");
const rules = (over: Partial<AssignmentRules> = {}): AssignmentRules => ({
  targetType: "QUIZ",
  points: 20,
  ungraded: false,
  opensAt,
  dueAt,
  latePolicy: "ACCEPT_WITH_PENALTY",
  latePenaltyPercent: 25,
  acceptsEarlierWork: false,
  ...over,
});
const before = new Date("2026-03-05T00:00:00Z");
const after = new Date("2026-03-10T00:00:00Z");
const attempt = (score: number, maxScore: number, handedInAt: Date, passed: boolean): Evidence => ({
  id: `a-${score}-${handedInAt.getTime()}`,
  kind: "quiz-attempt",
  doneAt: handedInAt,
  handedInAt,
  fraction: score / maxScore,
  passed,
});
const completion = (at: Date): Evidence => ({ id: `c-${at.getTime()}`, kind: "challenge-completion", doneAt: at, handedInAt: at, fraction: 1 });
const work = (evidence: Evidence[], activity: Date[] = []): StudentWork => ({ evidence, activity: activity.map((at) => ({ at })) });
const result = (r: AssignmentRules, w: StudentWork, now: Date, excused = false) => assignmentResult(r, w, { enrolledAt, excused }, now);

/** The score the LMS gets for a result the gradebook computes from this work. */
const scored = (r: AssignmentRules, w: StudentWork, now: Date, excused = false) => scoreFor(gradedWork(result(r, w, now, excused), w));
const times = { startedAt: null, submittedAt: null };

describe("scoreFor: the gradebook's grade → AGS score", () => {
  it("sends a quiz at full marks as Completed and FullyGraded, with the points and the gradebook's times", () => {
    const w = work([{ ...attempt(5, 5, before, true), doneAt: new Date("2026-03-04T23:50:00Z") }]);
    expect(scored(rules(), w, before)).toEqual({
      scoreGiven: 20,
      scoreMaximum: 20,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      startedAt: new Date("2026-03-04T23:50:00Z"),
      submittedAt: before,
    });
  });

  it("sends a quiz below full marks as Submitted (it may be tried again) with the gradebook's points", () => {
    const failed = result(rules(), work([attempt(2, 5, before, false)]), before);
    expect(failed.status).toBe("submitted");
    expect(scored(rules(), work([attempt(2, 5, before, false)]), before)).toEqual({ scoreGiven: 8, scoreMaximum: 20, activityProgress: "Submitted", gradingProgress: "FullyGraded", startedAt: before, submittedAt: before });
  });

  it("applies the late penalty exactly as the gradebook does", () => {
    const late = result(rules(), work([attempt(5, 5, after, true)]), after);
    expect(late.status).toBe("late");
    expect(scored(rules(), work([attempt(5, 5, after, true)]), after)).toMatchObject({ scoreGiven: late.score, activityProgress: "Completed", gradingProgress: "FullyGraded", submittedAt: after });
    expect(late.score).toBe(15);
  });

  it("sends Missing as the gradebook's 0 once the due date has passed, Started or Initialized by the activity", () => {
    expect(scored(rules(), work([]), after)).toEqual({ scoreGiven: 0, scoreMaximum: 20, activityProgress: "Initialized", gradingProgress: "FullyGraded", ...times });
    expect(scored(rules({ targetType: "LESSON" }), work([], [before]), after)).toMatchObject({ scoreGiven: 0, activityProgress: "Started" });
    // Late work under a closed policy does not count: Missing = 0 as well.
    const closed = result(rules({ targetType: "CHALLENGE", latePolicy: "CLOSE" }), work([completion(after)]), after);
    expect(closed.status).toBe("missing");
    expect(scored(rules({ targetType: "CHALLENGE", latePolicy: "CLOSE" }), work([completion(after)]), after)).toMatchObject({ scoreGiven: 0, gradingProgress: "FullyGraded" });
  });

  it("sends an opened lesson as Started without a score, and a blank before any work", () => {
    expect(scored(rules({ targetType: "LESSON" }), work([], [before]), before)).toEqual({ scoreGiven: null, scoreMaximum: 20, activityProgress: "Started", gradingProgress: "NotReady", ...times });
    const nothing = scored(rules({ targetType: "LESSON" }), work([]), before);
    expect(isBlank(nothing)).toBe(true);
    // Work done before the assignment opened does not count for it.
    expect(isBlank(scored(rules(), work([attempt(5, 5, new Date("2026-02-25T00:00:00Z"), true)]), before))).toBe(true);
  });

  it("sends a verified challenge as full points", () => {
    expect(scored(rules({ targetType: "CHALLENGE" }), work([completion(before)]), before)).toMatchObject({ scoreGiven: 20, activityProgress: "Completed", gradingProgress: "FullyGraded" });
  });

  it("clears an excused student's score with a final no-score, and never scores ungraded practice", () => {
    expect(scored(rules(), work([attempt(5, 5, before, true)]), after, true)).toEqual({ scoreGiven: null, scoreMaximum: 20, activityProgress: "Started", gradingProgress: "FullyGraded", ...times });
    const practice = rules({ ungraded: true, points: 0 });
    expect(scored(practice, work([attempt(5, 5, before, true)]), before)).toEqual({ scoreGiven: null, scoreMaximum: 0, activityProgress: "Completed", gradingProgress: "NotReady", startedAt: before, submittedAt: before });
    expect(scored(practice, work([]), after)).toEqual({ scoreGiven: null, scoreMaximum: 0, activityProgress: "Initialized", gradingProgress: "NotReady", ...times });
  });

  it("writes the AGS body: user id, sub-second UTC timestamp, submission times, no scoreGiven or scoreMaximum when there is none", () => {
    const at = new Date("2026-03-05T12:00:00.123Z");
    expect(scoreBody({ scoreGiven: null, scoreMaximum: 10, activityProgress: "Started", gradingProgress: "NotReady", ...times }, "u-1", at)).toEqual({
      userId: "u-1",
      scoreMaximum: 10,
      activityProgress: "Started",
      gradingProgress: "NotReady",
      timestamp: "2026-03-05T12:00:00.123Z",
    });
    expect(scoreBody({ scoreGiven: 7.5, scoreMaximum: 10, activityProgress: "Completed", gradingProgress: "FullyGraded", startedAt: before, submittedAt: at }, "u-1", at)).toEqual({
      userId: "u-1",
      scoreGiven: 7.5,
      scoreMaximum: 10,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: "2026-03-05T12:00:00.123Z",
      submission: { startedAt: "2026-03-05T00:00:00.000Z", submittedAt: "2026-03-05T12:00:00.123Z" },
    });
    expect(scoreBody({ scoreGiven: null, scoreMaximum: 0, activityProgress: "Completed", gradingProgress: "NotReady", ...times }, "u-1", at)).not.toHaveProperty("scoreMaximum");
  });

  it("uses only the properties of the AGS 2.0 score examples, with their types", () => {
    const examples = Object.values(publishedPayload("lti-ags-2.0-example-scores").payload as Record<string, Record<string, unknown>>);
    const known = new Map<string, string>();
    for (const example of examples) for (const [key, value] of Object.entries(example)) known.set(key, typeof value);
    const bodies = [
      scoreBody({ scoreGiven: 7.5, scoreMaximum: 10, activityProgress: "Completed", gradingProgress: "FullyGraded", startedAt: before, submittedAt: after }, "u-1", after),
      scoreBody({ scoreGiven: null, scoreMaximum: 10, activityProgress: "Started", gradingProgress: "NotReady", ...times }, "u-1", after),
    ];
    for (const body of bodies) for (const [key, value] of Object.entries(body)) expect([key, typeof value]).toEqual([key, known.get(key)]);
    const progress = (publishedPayload("lti-ags-2.0-example-scores").payload as Record<string, Record<string, Record<string, unknown>>>).progress!.submission!;
    expect(Object.keys(bodies[0]!.submission as object).sort()).toEqual(Object.keys(progress).sort());
  });

  it("dates each new score after the one before it: AGS timestamps strictly increase", () => {
    const now = new Date("2026-03-05T12:00:00.000Z");
    expect(nextScoreTimestamp(now, null)).toEqual(now);
    expect(nextScoreTimestamp(now, new Date("2026-03-05T11:00:00.000Z"))).toEqual(now);
    expect(nextScoreTimestamp(now, now)).toEqual(new Date("2026-03-05T12:00:00.001Z"));
    expect(nextScoreTimestamp(now, new Date("2026-03-05T12:00:05.000Z"))).toEqual(new Date("2026-03-05T12:00:05.001Z"));
  });

  it("backs off from 30 s doubling to an hour, and waits at least as long as Retry-After", () => {
    expect([1, 2, 3, 8, 20].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
    expect(retryDelayMs(1, 90_000)).toBe(90_000);
  });
});

describe("roles", () => {
  it("maps context roles, their sub-roles, simple names and LTI 1.1 URNs", () => {
    expect(contextRole("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")).toBe("Instructor");
    expect(contextRole("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant")).toBe("Instructor");
    expect(contextRole("urn:lti:role:ims/lis/TeachingAssistant")).toBe("TeachingAssistant");
    expect(contextRole("Learner")).toBe("Learner");
    expect(contextRole("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor")).toBeNull();
  });

  it.each([
    [["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"], "teach"],
    [["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"], "teach"],
    [["http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper"], "teach"],
    [["TeachingAssistant"], "teach"],
    [["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"], "learn"],
    [["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"], "teach"],
    [["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"], "none"],
    [["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"], "none"],
    [[], "none"],
  ])("%j → %s", (roles, role) => {
    expect(classRole(roles)).toBe(role);
  });
});

describe("service URLs", () => {
  it("puts /scores after the line item's path and keeps its query (AGS 2.0)", () => {
    expect(scoresUrl("https://lms.example/api/lti/courses/1/line_items/2")).toBe("https://lms.example/api/lti/courses/1/line_items/2/scores");
    expect(scoresUrl("https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3")).toBe("https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=3");
  });

  it("finds rel=next in a Link header among other relations", () => {
    expect(nextLink('<https://lms.example/m?page=2>; rel="next", <https://lms.example/m?page=9>; rel="last"')).toBe("https://lms.example/m?page=2");
    expect(nextLink('<https://lms.example/m?page=1>; rel="prev first"')).toBeNull();
    expect(nextLink(null)).toBeNull();
    // Moodle's form: no space after the commas, "differences" first; and an unquoted rel.
    expect(nextLink('<https://lms.example/nr?since=6236>; rel="differences",<https://lms.example/nr?page=2&per_page=1>; rel="next",<https://lms.example/nr?page=1>; rel="first"')).toBe("https://lms.example/nr?page=2&per_page=1");
    expect(nextLink("<https://lms.example/li?p=2>; rel=next")).toBe("https://lms.example/li?p=2");
  });
});
