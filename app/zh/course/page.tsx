import type { Metadata } from "next";
import { CourseIndex } from "@/components/lesson/course-index";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "课程",
  alternates: pageAlternates("/course", "zh"),
};

export default function ChineseCourseIndexPage() {
  return <CourseIndex locale="zh" />;
}
