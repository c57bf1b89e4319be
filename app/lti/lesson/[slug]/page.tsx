import { LtiActivityPage } from "@/components/lti/activity-page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ link?: string | string[] }> };

export default async function Page({ params, searchParams }: Props) {
  const [{ slug }, { link }] = await Promise.all([params, searchParams]);
  return <LtiActivityPage locale="en" type="LESSON" id={slug} linkId={typeof link === "string" ? link : null} />;
}
