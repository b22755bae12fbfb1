import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge, Button, Flex, Grid, Table, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import {
  HOLDS_PAGE_SIZE,
  HOLD_SORT_LABELS,
  HOLD_SORTS,
  listOpenHolds,
  parseHoldsQuery,
} from "~/billing/holds-queue.server";
import { EmptyState } from "~/components/empty-state";
import { Stat } from "~/components/stat";
import { claimSummary } from "~/overview.server";
import { sectionById } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Claims · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("claims").roles);
  const query = parseHoldsQuery(new URL(request.url).searchParams);
  const [summary, holds] = await Promise.all([
    claimSummary(user.organizationId),
    listOpenHolds(user.organizationId, query),
  ]);
  return {
    summary,
    holds,
    query,
    sorts: HOLD_SORTS.map((value) => ({
      value,
      label: HOLD_SORT_LABELS[value],
    })),
    pageSize: HOLDS_PAGE_SIZE,
    now: new Date().toISOString(),
  };
}

/** The same sort and filter, starting after `cursor` (null: the first page). */
function pageLink(query: { sort: string; reason: string | null }, cursor: string | null) {
  const params = new URLSearchParams();
  if (query.sort !== "age") params.set("sort", query.sort);
  if (query.reason) params.set("reason", query.reason);
  if (cursor) params.set("after", cursor);
  const search = params.toString();
  return search ? `/claims?${search}` : "/claims";
}

const dollars = (cents: number) =>
  (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
const reasonWords = (reason: string) => reason.replace(/-/g, " ");
const ageInDays = (openedAt: string, now: string) =>
  Math.max(
    0,
    Math.floor((Date.parse(now) - Date.parse(openedAt)) / 86_400_000),
  );

const claimStatusLabels: Record<string, string> = {
  draft: "Draft",
  held: "Held",
  ready: "Ready",
  released: "Released",
  void: "Void",
};

export default function Claims() {
  const { summary, holds, query, sorts, pageSize, now } = useLoaderData<typeof loader>();
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
          <Stat
            label="Open holds"
            value={summary.openHolds}
            tone={summary.openHolds > 0 ? "amber" : "gray"}
          />
          <Stat label="Released today" value={summary.releasedToday} />
          <Stat
            label="Oldest hold"
            value={
              summary.oldestHoldAt ? summary.oldestHoldAt.slice(0, 10) : "None"
            }
          />
          {summary.byStatus.map((row) => (
            <Stat
              key={row.status}
              label={`${claimStatusLabels[row.status] ?? row.status} claims`}
              value={row.claims}
            />
          ))}
        </Grid>
        {summary.heldByReason.length > 0 ? (
          <Table.Root
            variant="surface"
            aria-label="Held claims and dollars at risk by reason"
          >
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Reason</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell justify="end">
                  Held claims
                </Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell justify="end">
                  Dollars at risk
                </Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {summary.heldByReason.map((r) => (
                <Table.Row key={r.reason}>
                  <Table.RowHeaderCell>
                    {r.reason.replace(/-/g, " ")}
                  </Table.RowHeaderCell>
                  <Table.Cell justify="end">{r.claims}</Table.Cell>
                  <Table.Cell justify="end">
                    {dollars(r.atRiskCents)}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        ) : null}
        <section aria-labelledby="holds-heading">
          <Flex justify="between" align="end" wrap="wrap" gap="3" mb="2">
            <Text as="p" size="4" weight="bold" id="holds-heading">
              Holds queue
            </Text>
            <Form method="get" aria-label="Sort and filter the holds">
              <Flex gap="2" align="end">
                <label>
                  <Text as="div" size="1" color="gray">
                    Sort by
                  </Text>
                  <select name="sort" defaultValue={query.sort}>
                    {sorts.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <Text as="div" size="1" color="gray">
                    Reason
                  </Text>
                  <select name="reason" defaultValue={query.reason ?? ""}>
                    <option value="">All reasons</option>
                    {summary.heldByReason.map((r) => (
                      <option key={r.reason} value={r.reason}>
                        {reasonWords(r.reason)}
                      </option>
                    ))}
                  </select>
                </label>
                <Button type="submit" variant="soft">
                  Apply
                </Button>
              </Flex>
            </Form>
          </Flex>
          {holds.rows.length === 0 ? (
            <EmptyState title="No open holds">
              Every coded claim has a valid authorization behind it, or is
              waiting to be evaluated.
            </EmptyState>
          ) : (
            <Table.Root variant="surface" aria-label="Open holds">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>Claim</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Patient</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Payer</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>
                    Why it is held and the fix
                  </Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell justify="end">
                    At risk
                  </Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell justify="end">
                    Age
                  </Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Case</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {holds.rows.map((h) => (
                  <Table.Row key={h.holdId} data-testid="hold-row">
                    <Table.RowHeaderCell style={{ whiteSpace: "nowrap" }}>
                      <Link to={`/claims/${h.claimId}`}>{h.claimNumber}</Link>
                    </Table.RowHeaderCell>
                    <Table.Cell>
                      {h.patientName}
                      <Text as="div" size="1" color="gray">
                        MRN {h.mrn}
                      </Text>
                    </Table.Cell>
                    <Table.Cell>
                      {h.payer}
                      <Text as="div" size="1" color="gray">
                        {h.plan}
                      </Text>
                    </Table.Cell>
                    <Table.Cell>
                      <Badge color="amber">{reasonWords(h.reason)}</Badge>{" "}
                      {h.message}
                      <Text as="div" size="1" color="gray">
                        Fix: {h.fix}
                      </Text>
                    </Table.Cell>
                    <Table.Cell justify="end">
                      {dollars(h.atRiskCents)}
                    </Table.Cell>
                    <Table.Cell justify="end" style={{ whiteSpace: "nowrap" }}>
                      {ageInDays(h.openedAt, now)} d
                    </Table.Cell>
                    <Table.Cell style={{ whiteSpace: "nowrap" }}>
                      {h.caseId ? (
                        <Link to={`/cases/${h.caseId}`}>
                          {h.caseNumber ?? "Open case"}
                        </Link>
                      ) : (
                        <Text color="gray">No case yet</Text>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          )}
          {holds.next || query.after ? (
            <Flex asChild gap="4" mt="2" align="center">
              <nav aria-label="Holds queue pages">
                {query.after ? <Link to={pageLink(query, null)}>First page</Link> : null}
                {holds.next ? (
                  <Link to={pageLink(query, holds.next)} rel="next">
                    Next {pageSize} holds
                  </Link>
                ) : (
                  <Text size="1" color="gray">
                    End of the queue
                  </Text>
                )}
              </nav>
            </Flex>
          ) : null}
        </section>
      </Flex>
    </>
  );
}
