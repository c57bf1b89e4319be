/** A quiz translation's keys are checked against its quiz by the compiler: the broken ones below must not compile. */
import { describe, expect, it } from "vitest";
import { defineQuiz, parseQuiz } from "@/domain/quiz/schema";
import { defineQuizTranslation, parseQuizTranslation } from "@/domain/quiz/translation";

const quiz = defineQuiz({
  id: "typing-quiz",
  lessonSlug: "three-way-handshake",
  title: "Typing",
  passThreshold: 0.5,
  questions: [
    {
      id: "opener", type: "single", concept: "flags",
      prompt: "Which flag opens a connection?", explanation: "SYN synchronises sequence numbers.",
      options: [
        { id: "syn", text: "SYN", correct: true, feedback: "Yes." },
        { id: "fin", text: "FIN", correct: false, feedback: "FIN closes.", misconception: "confuses-syn-with-fin" },
      ],
    },
    {
      id: "close-order", type: "order", concept: "teardown-states", misconception: "misorders-teardown",
      prompt: "Order the close.", explanation: "FIN, ACK, FIN, ACK.",
      items: [{ id: "client-fin", text: "Client FIN" }, { id: "server-ack", text: "Server ACK" }, { id: "server-fin", text: "Server FIN" }],
      mistakes: [{ first: "server-fin", then: "server-ack", feedback: "The ACK comes first.", misconception: "thinks-passive-closer-sends-fin-first" }],
    },
  ],
});

const opener = { prompt: "哪个标志打开连接？", explanation: "SYN 同步序列号。", options: { syn: { text: "SYN", feedback: "对。" }, fin: { text: "FIN", feedback: "FIN 用于关闭。" } } };
const items = { "client-fin": "客户端 FIN", "server-ack": "服务端 ACK", "server-fin": "服务端 FIN" };
const closeOrder = { prompt: "给关闭排序。", explanation: "FIN、ACK、FIN、ACK。", items, mistakes: { "server-fin>server-ack": "ACK 先到。" } };

describe("quiz translation keys", () => {
  it("a complete translation compiles and parses", () => {
    const translation = defineQuizTranslation<typeof quiz>({ quiz: "typing-quiz", title: "类型", questions: { opener, "close-order": closeOrder } });
    expect(parseQuizTranslation(parseQuiz(quiz), translation).questions.opener!.prompt).toBe("哪个标志打开连接？");
  });

  it("a missing or extra question, option, item or mistake, or another quiz's id, does not compile", () => {
    const broken = [
      // @ts-expect-error a question is missing
      defineQuizTranslation<typeof quiz>({ quiz: "typing-quiz", title: "类型", questions: { opener } }),
      // @ts-expect-error a question the quiz does not have
      defineQuizTranslation<typeof quiz>({ quiz: "typing-quiz", title: "类型", questions: { opener, "close-order": closeOrder, extra: { prompt: "？", explanation: "。" } } }),
      defineQuizTranslation<typeof quiz>({
        quiz: "typing-quiz",
        title: "类型",
        // @ts-expect-error the option "fin" is missing
        questions: { opener: { ...opener, options: { syn: opener.options.syn } }, "close-order": closeOrder },
      }),
      defineQuizTranslation<typeof quiz>({
        quiz: "typing-quiz",
        title: "类型",
        // @ts-expect-error a mistake key ("first>then") the quiz does not have
        questions: { opener, "close-order": { ...closeOrder, mistakes: { "server-ack>server-fin": "？" } } },
      }),
      defineQuizTranslation<typeof quiz>({
        quiz: "typing-quiz",
        title: "类型",
        // @ts-expect-error an item is missing
        questions: { opener, "close-order": { ...closeOrder, items: { "client-fin": "客户端 FIN", "server-ack": "服务端 ACK" } } },
      }),
      // @ts-expect-error the id of another quiz
      defineQuizTranslation<typeof quiz>({ quiz: "other-quiz", title: "类型", questions: { opener, "close-order": closeOrder } }),
      // @ts-expect-error without the quiz's type nothing compiles
      defineQuizTranslation({ quiz: "typing-quiz", title: "类型", questions: {} }),
    ];
    expect(broken).toHaveLength(7);
  });
});
