import type { Metadata } from "next";
import { LessonPage, lessonMetadata, lessonStaticParams } from "@/components/lesson/lesson-page";

type Params = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export const generateStaticParams = lessonStaticParams;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return lessonMetadata((await params).slug, "en");
}

export default async function EnglishLessonPage({ params }: Params) {
  return <LessonPage slug={(await params).slug} locale="en" />;
}
