import { defineWords } from "@/domain/words";

/** What every Server Action may answer whatever its feature: a malformed request, an ended session, a refusal. */
export const actionWords = defineWords({
  en: {
    invalidRequest: "This request could not be read, so nothing was changed. Reload the page and try again.",
    sessionEnded: "Your session ended. Sign in again",
    checkFields: "Check the highlighted fields.",
    crossSite: "This request did not come from this site's pages, so nothing was changed.",
    notSaved: "The server could not handle this request just now, so nothing was changed. Try again.",
    refusals: {
      "not-allowed": "You cannot change this class.",
      archived: "This class is archived: restore it to make changes.",
    },
    unknownLesson: "There is no such lesson, so no progress was saved.",
    predictionRefusals: {
      invalid: "This prediction could not be checked.",
      "no-question": "This prediction could not be checked.",
      "rate-limited": "Too many predictions in a minute: wait a little and try again.",
    },
  },
  zh: {
    invalidRequest: "无法读取这个请求，没有做任何更改。请刷新页面后重试。",
    sessionEnded: "你的登录已失效，请重新登录",
    checkFields: "请检查标出的字段。",
    crossSite: "这个请求不是从本站的页面发出的，没有做任何更改。",
    notSaved: "服务器暂时无法处理这个请求，没有做任何更改。请重试。",
    refusals: {
      "not-allowed": "你不能修改这个班级。",
      archived: "这个班级已归档：请先恢复它，再进行修改。",
    },
    unknownLesson: "没有这一课，所以没有保存任何进度。",
    predictionRefusals: {
      invalid: "无法检查这个预测。",
      "no-question": "无法检查这个预测。",
      "rate-limited": "一分钟内的预测太多了：请稍等片刻再试。",
    },
  },
});

export type ActionWords = ReturnType<typeof actionWords>;
