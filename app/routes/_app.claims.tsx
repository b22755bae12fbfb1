import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Flex, Grid, Table } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { Stat } from "~/components/stat";
import { claimSummary } from "~/overview.server";
import { sectionById } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Claims · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("claims").roles);
  return { summary: await claimSummary(user.organizationId) };
}

const claimStatusLabels: Record<string, string> = { draft: "Draft", held: "Held", ready: "Ready", released: "Released", void: "Void" };

export default function Claims() {
  const { summary } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Claims"
        description="Coded infusion claims, authorization holds and releases to billing."
        actions={
          <Button asChild>
            <Link to="/claims/code">Code a visit</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="4">
        <Grid columns={{ initial: "2", sm: "5" }} gap="3">
          <Stat label="Open holds" value={summary.openHolds} tone={summary.openHolds > 0 ? "amber" : "gray"} />
          <Stat label="Released today" value={summary.releasedToday} />
          <Stat label="Oldest hold" value={summary.oldestHoldAt ? summary.oldestHoldAt.slice(0, 10) : "None"} />
          {summary.byStatus.map((row) => (
            <Stat key={row.status} label={`${claimStatusLabels[row.status] ?? row.status} claims`} value={row.claims} />
          ))}
        </Grid>
        {summary.heldByReason.length > 0 ? (
          <Table.Root variant="surface" aria-label="Held claims and dollars at risk by reason">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Reason</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell justify="end">Held claims</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell justify="end">Dollars at risk</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {summary.heldByReason.map((r) => (
                <Table.Row key={r.reason}>
                  <Table.RowHeaderCell>{r.reason.replace(/-/g, " ")}</Table.RowHeaderCell>
                  <Table.Cell justify="end">{r.claims}</Table.Cell>
                  <Table.Cell justify="end">{(r.atRiskCents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" })}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        ) : null}
        <EmptyState title="The holds queue is on its way">
          Billers will see every claim held because no valid authorization covers it — the failing field, the dollars at risk and the fix —
          linked to the case that would clear it. Held claims release automatically when coverage arrives.
        </EmptyState>
      </Flex>
    </>
  );
}
