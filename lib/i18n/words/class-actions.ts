import { defineWords } from "@/domain/words";

/** A count with its noun, as people write it in English ("1 row", "3 rows"). */
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const zhNumber = (n: number) => n.toLocaleString("zh-CN");

type RosterSummary = { invited: number; emailed: number; alreadyInvited: number; alreadyInClass: number; invalid: readonly string[] };

/**
 * What the class, assignment and joining forms answer, and the messages of the checks behind
 * them (lib/classes, lib/assignments), in the language of the page that posted the form.
 */
export const classActionWords = defineWords({
  en: {
    classes: {
      created: "Class created.",
      saved: "Class settings saved.",
      archived: "Class archived.",
      restored: "Class restored.",
      joinCodeRenewed: "New join code created. The old code no longer works.",
      inviteLinkRenewed: "New invite link created. The old link no longer works.",
      studentRemoved: "Student removed from the class.",
      coInstructorAdded: "Co-instructor added.",
      coInstructorRemoved: "Co-instructor removed.",
      invitationWithdrawn: "Invitation withdrawn.",
      // Counts only: an import never says who has an account.
      rosterImported: (r: RosterSummary) => {
        const parts = [
          `${count(r.invited, "invitation", "invitations")} sent${r.emailed ? ` (${r.emailed.toLocaleString("en")} by email)` : ""}`,
          r.alreadyInvited ? `${count(r.alreadyInvited, "person was", "people were")} already invited` : "",
          r.alreadyInClass ? `${count(r.alreadyInClass, "person is", "people are")} already in the class` : "",
          r.invalid.length ? `${count(r.invalid.length, "row is", "rows are")} not a valid email: ${r.invalid.slice(0, 5).join(", ")}${r.invalid.length > 5 ? "…" : ""}` : "",
        ].filter(Boolean);
        return `Roster imported: ${parts.join("; ")}. People join once they accept.`;
      },
      rosterTooLarge: "The file is too large: at most 1,000 rows and 256 KB.",
      rosterUnreadable: (rows: number) => `No valid email addresses found (${rows} rows could not be read).`,
      rosterEmpty: "The file has no email addresses.",
      rosterNotCsv: "The file could not be read as CSV.",
      /** A row with no cell at all, listed among the rows that are not an email. */
      rosterEmptyRow: "(empty row)",
    },
    assignments: {
      created: "Assignment created.",
      saved: "Assignment saved.",
      deleted: "Assignment deleted.",
      extensionSaved: "Extension saved.",
      extensionRemoved: "Extension removed.",
      excused: "Student excused from this assignment.",
      excuseWithdrawn: "Excuse withdrawn.",
    },
    join: {
      refusals: {
        "not-found": "No class has this code or link. Check it with your instructor.",
        archived: "This class has been archived and no longer takes students.",
        "teaches-class": "You teach this class, so you cannot join it as a student.",
        "email-unverified": "Confirm your email address first: open the link we sent you (your account page can send it again).",
      },
      joined: (className: string) => `You joined ${className}.`,
      alreadyIn: (className: string) => `You are already in ${className}.`,
      declined: "Invitation declined.",
      tooManyAttempts: (minutes: number) => `Too many attempts. Try again in ${minutes} minutes.`,
      enterCode: "Enter the class code",
      codeTooLong: "Codes are short: check it",
    },
    fields: {
      enterText: "Enter some text",
      atMost: (max: number) => `Use at most ${max.toLocaleString("en")} characters`,
      labelAtMost: (label: string, max: number) => `${label}: use at most ${max.toLocaleString("en")} characters`,
      enterName: "Enter a name",
      chooseTimeZone: "Choose a time zone",
      enterEmail: "Enter a valid email address",
      noInstructorAccount: "No instructor account has this email. Ask an admin to make them an instructor first.",
      enterTitle: "Enter a title",
      chooseTarget: "Choose what to assign",
      chooseCatalogItem: "Choose an item from the catalog",
      chooseConcepts: "Choose at least one concept to master",
      enterPoints: "Enter the points",
      enterWholeNumber: "Enter a whole number",
      useWholeNumber: "Use a whole number",
      tooFewPoints: "A graded assignment is worth at least 1 point. For practice without points, tick “Ungraded practice”.",
      tooManyPoints: (max: number) => `At most ${max.toLocaleString("en")}`,
      chooseLatePolicy: "Choose what happens to late work",
      atLeast: (min: number) => `At least ${min}`,
      atMostNumber: (max: number) => `At most ${max}`,
      enterDateTime: "Enter a date and time",
      enterValidDateTime: "Enter a valid date and time",
      dateBetween: (first: string, last: string) => `Choose a date between ${first} and ${last}`,
      dueAfterOpens: "The due date must be after the opening date",
      chooseStudent: "Choose a student",
      chooseStudentOfClass: "Choose a student of this class",
      extensionAfterDue: (due: string) => `An extension must be later than the due date (${due})`,
      note: "Note",
    },
  },
  zh: {
    classes: {
      created: "班级已创建。",
      saved: "班级设置已保存。",
      archived: "班级已归档。",
      restored: "班级已恢复。",
      joinCodeRenewed: "已生成新的邀请码，旧邀请码已失效。",
      inviteLinkRenewed: "已生成新的邀请链接，旧链接已失效。",
      studentRemoved: "已将这名学生移出班级。",
      coInstructorAdded: "已添加协作教师。",
      coInstructorRemoved: "已移除协作教师。",
      invitationWithdrawn: "邀请已撤回。",
      rosterImported: (r: RosterSummary) => {
        const parts = [
          `已发出 ${zhNumber(r.invited)} 份邀请${r.emailed ? `（其中 ${zhNumber(r.emailed)} 份通过邮件发送）` : ""}`,
          r.alreadyInvited ? `${zhNumber(r.alreadyInvited)} 人此前已收到邀请` : "",
          r.alreadyInClass ? `${zhNumber(r.alreadyInClass)} 人已在班级中` : "",
          r.invalid.length ? `${zhNumber(r.invalid.length)} 行不是有效的邮箱地址：${r.invalid.slice(0, 5).join("、")}${r.invalid.length > 5 ? "…" : ""}` : "",
        ].filter(Boolean);
        return `名单已导入：${parts.join("；")}。对方接受邀请后才会加入班级。`;
      },
      rosterTooLarge: "文件太大：最多 1,000 行、256 KB。",
      rosterUnreadable: (rows: number) => `没有找到有效的邮箱地址（${rows} 行无法读取）。`,
      rosterEmpty: "文件中没有邮箱地址。",
      rosterNotCsv: "无法把这个文件读作 CSV。",
      rosterEmptyRow: "（空行）",
    },
    assignments: {
      created: "作业已创建。",
      saved: "作业已保存。",
      deleted: "作业已删除。",
      extensionSaved: "延期已保存。",
      extensionRemoved: "延期已取消。",
      excused: "已免除这名学生的这份作业。",
      excuseWithdrawn: "已撤销免做。",
    },
    join: {
      refusals: {
        "not-found": "没有班级使用这个邀请码或链接，请向你的老师核对。",
        archived: "这个班级已归档，不再接收学生。",
        "teaches-class": "你是这个班级的教师，不能以学生身份加入。",
        "email-unverified": "请先确认你的邮箱地址：打开我们发给你的链接（可以在账号页面重新发送）。",
      },
      joined: (className: string) => `你已加入${className}。`,
      alreadyIn: (className: string) => `你已经在${className}中了。`,
      declined: "已拒绝邀请。",
      tooManyAttempts: (minutes: number) => `尝试次数过多，请 ${minutes} 分钟后再试。`,
      enterCode: "请输入班级邀请码",
      codeTooLong: "邀请码很短，请检查一下",
    },
    fields: {
      enterText: "请输入内容",
      atMost: (max: number) => `最多 ${max.toLocaleString("zh-CN")} 个字符`,
      labelAtMost: (label: string, max: number) => `${label}：最多 ${max.toLocaleString("zh-CN")} 个字符`,
      enterName: "请输入名称",
      chooseTimeZone: "请选择时区",
      enterEmail: "请输入有效的邮箱地址",
      noInstructorAccount: "没有使用这个邮箱的教师账号。请先让管理员把对方设为教师。",
      enterTitle: "请输入标题",
      chooseTarget: "请选择要布置的内容",
      chooseCatalogItem: "请从目录中选择一项",
      chooseConcepts: "请至少选择一个要掌握的概念",
      enterPoints: "请输入分值",
      enterWholeNumber: "请输入整数",
      useWholeNumber: "请使用整数",
      tooFewPoints: "计分作业至少 1 分。如果是不计分的练习，请勾选“不计分练习”。",
      tooManyPoints: (max: number) => `最多 ${max.toLocaleString("zh-CN")} 分`,
      chooseLatePolicy: "请选择如何处理迟交的作业",
      atLeast: (min: number) => `不能小于 ${min}`,
      atMostNumber: (max: number) => `不能大于 ${max}`,
      enterDateTime: "请输入日期和时间",
      enterValidDateTime: "请输入有效的日期和时间",
      dateBetween: (first: string, last: string) => `请选择 ${first} 到 ${last} 之间的日期`,
      dueAfterOpens: "截止时间必须晚于开放时间",
      chooseStudent: "请选择一名学生",
      chooseStudentOfClass: "请选择这个班级的学生",
      extensionAfterDue: (due: string) => `延期后的截止时间必须晚于原截止时间（${due}）`,
      note: "备注",
    },
  },
});

export type ClassActionWords = ReturnType<typeof classActionWords>;
