/** What the roster import says about the file itself (lib/classes/roster-csv.ts), in the instructor's language. */
import { defineWords } from "./define";

export const rosterCsvWords = defineWords({
  en: {
    notCsv: "The file could not be read as CSV.",
    /** A row with no cell at all, listed among the rows that are not an email. */
    emptyRow: "(empty row)",
  },
  zh: {
    notCsv: "无法把这个文件读作 CSV。",
    emptyRow: "（空行）",
  },
});
