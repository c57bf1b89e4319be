import type { Metadata } from "next";
import { CourseIndex } from "@/components/lesson/course-index";

export const metadata: Metadata = {
  title: "Course",
  alternates: { canonical: "/course", languages: { en: "/course", "zh-CN": "/zh/course", "x-default": "/course" } },
};

export default function CourseIndexPage() {
  return <CourseIndex locale="en" />;
}
