import type { Metadata } from "next";
import { CourseIndex } from "@/components/lesson/course-index";

export const metadata: Metadata = {
  title: "课程",
  alternates: { canonical: "/zh/course", languages: { en: "/course", "zh-CN": "/zh/course", "x-default": "/course" } },
};

export default function ChineseCourseIndexPage() {
  return <CourseIndex locale="zh" />;
}
