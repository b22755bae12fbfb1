import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Flex, Grid } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { Stat } from "~/components/stat";
import { caseCountsByStatus } from "~/overview.server";
import { sectionById } from "~/permissions";
import { statusLabels } from "~/status-labels";

export const meta: MetaFunction = () => [{ title: "Queues · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("queues").roles);
  return { counts: await caseCountsByStatus(user.organizationId) };
}

export default function Queues() {
  const { counts } = useLoaderData<typeof loader>();
  const total = counts.reduce((sum, row) => sum + row.cases, 0);
  return (
    <>
      <PageHeader title="Queues" description="Authorization cases, ordered by what is due next." />
      {total === 0 ? (
        <EmptyState title="No authorization cases yet">
          Cases appear here as soon as a regimen needs a prior authorization: My work, Needs submission, Awaiting payer, Information
          requested, Denied, Peer-to-peer, Appeals, Renewal due, Regimen changed, Site of care and Expired, each sorted by its next
          deadline.
        </EmptyState>
      ) : (
        <Flex direction="column" gap="4">
          <Grid columns={{ initial: "2", sm: "4", md: "6" }} gap="3" aria-label="Cases by status">
            {counts.map((row) => (
              <Stat key={row.status} label={statusLabels[row.status]} value={row.cases} tone={row.status === "denied" ? "red" : undefined} />
            ))}
          </Grid>
          <EmptyState title="The working queues are being built">
            {total} cases are on file. The queues with filters, keyboard navigation and bulk assignment land with the coordinator&apos;s
            workspace.
          </EmptyState>
        </Flex>
      )}
    </>
  );
}
