import type { Metadata } from "next";
import { CourseIndex } from "@/components/lesson/course-index";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "Course",
  alternates: pageAlternates("/course", "en"),
};

export default function CourseIndexPage() {
  return <CourseIndex locale="en" />;
}
