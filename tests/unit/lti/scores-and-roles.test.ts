import { describe, expect, it } from "vitest";
import { assignmentResult, type AssignmentRules, type Evidence, type StudentWork } from "@/domain/gradebook/semantics";
import { classRole, contextRole } from "@/lib/lti/roles";
import { retryDelayMs, scoreBody, scoreFor } from "@/lib/lti/score-mapping";
import { nextLink, scoresUrl } from "@/lib/lti/urls";

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

describe("scoreFor: gradebook result → AGS score", () => {
  it("sends a passed quiz as Completed and FullyGraded, with the points of the assignment", () => {
    expect(scoreFor(result(rules(), work([attempt(4, 5, before, true)]), before), 20)).toEqual({ scoreGiven: 16, scoreMaximum: 20, activityProgress: "Completed", gradingProgress: "FullyGraded" });
  });

  it("applies the late penalty exactly as the gradebook does", () => {
    const late = result(rules(), work([attempt(5, 5, after, true)]), after);
    expect(late.status).toBe("late");
    expect(scoreFor(late, 20)).toMatchObject({ scoreGiven: 15, activityProgress: "Completed" });
  });

  it("sends a failed attempt as handed in with its score, as the gradebook says Submitted", () => {
    const failed = result(rules(), work([attempt(2, 5, before, false)]), before);
    expect(failed.status).toBe("submitted");
    expect(scoreFor(failed, 20)).toEqual({ scoreGiven: 8, scoreMaximum: 20, activityProgress: "Completed", gradingProgress: "FullyGraded" });
  });

  it("sends a started lesson without a score, and nothing before any activity", () => {
    const started = result(rules({ targetType: "LESSON" }), work([], [before]), before);
    expect(scoreFor(started, 20)).toEqual({ scoreGiven: null, scoreMaximum: 20, activityProgress: "InProgress", gradingProgress: "NotReady" });
    expect(scoreFor(result(rules({ targetType: "LESSON" }), work([]), before), 20)).toBeNull();
  });

  it("sends nothing for work done before the assignment opened", () => {
    const early = new Date("2026-02-25T00:00:00Z");
    expect(scoreFor(result(rules(), work([attempt(5, 5, early, true)]), before), 20)).toBeNull();
  });

  it("sends a verified challenge as full points, and late work under a closed policy as the gradebook's Missing = 0", () => {
    expect(scoreFor(result(rules({ targetType: "CHALLENGE" }), work([completion(before)]), before), 20)).toMatchObject({ scoreGiven: 20, activityProgress: "Completed" });
    const closed = result(rules({ targetType: "CHALLENGE", latePolicy: "CLOSE" }), work([completion(after)]), after);
    expect(closed.status).toBe("missing");
    expect(scoreFor(closed, 20)).toMatchObject({ scoreGiven: 0, activityProgress: "InProgress", gradingProgress: "FullyGraded" });
  });

  it("clears the score of an excused student, and sends ungraded practice without one", () => {
    expect(scoreFor(result(rules(), work([attempt(5, 5, before, true)]), after, true), 20)).toEqual({
      scoreGiven: null,
      scoreMaximum: 20,
      activityProgress: "Initialized",
      gradingProgress: "NotReady",
    });
    const practice = result(rules({ ungraded: true, points: 0 }), work([attempt(5, 5, before, true)]), before);
    expect(scoreFor(practice, 0)).toEqual({ scoreGiven: null, scoreMaximum: 0, activityProgress: "Completed", gradingProgress: "NotReady" });
  });

  it("writes the AGS body with the LMS user id and an ISO timestamp, leaving scoreGiven out when there is none", () => {
    const at = new Date("2026-03-05T12:00:00.123Z");
    expect(scoreBody({ scoreGiven: null, scoreMaximum: 10, activityProgress: "InProgress", gradingProgress: "NotReady" }, "u-1", at)).toEqual({
      userId: "u-1",
      scoreMaximum: 10,
      activityProgress: "InProgress",
      gradingProgress: "NotReady",
      timestamp: "2026-03-05T12:00:00.123Z",
    });
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
