import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Flex, Grid } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { Stat } from "~/components/stat";
import { settingsSummary } from "~/overview.server";
import { sectionById } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Settings · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("settings").roles);
  return { summary: await settingsSummary(user.organizationId) };
}

export default function Settings() {
  const { summary } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Settings" description="Payer rules, facilities and who can do what." />
      <Flex direction="column" gap="4">
        <Grid columns={{ initial: "2", sm: "4" }} gap="3">
          <Stat label="Payers" value={summary.payers} />
          <Stat label="Payer rules (dated)" value={summary.payerRules} />
          <Stat label="Facilities" value={summary.facilities} />
          <Stat label="Users" value={summary.users} />
        </Grid>
        <EmptyState title="Payer-rule editing is on its way">
          Administrators will edit each payer&apos;s dated rules here — PA required by drug, decision timeframes, follow-up cadence,
          peer-to-peer and appeal windows, renewal lead times, retro window and site-of-care programs — without a code change.
        </EmptyState>
      </Flex>
    </>
  );
}
