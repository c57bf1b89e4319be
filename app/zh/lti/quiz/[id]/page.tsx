import { LtiActivityPage } from "@/components/lti/activity-page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ link?: string | string[] }> };

export default async function Page({ params, searchParams }: Props) {
  const [{ id }, { link }] = await Promise.all([params, searchParams]);
  return <LtiActivityPage locale="zh" type="QUIZ" id={id} linkId={typeof link === "string" ? link : null} />;
}
