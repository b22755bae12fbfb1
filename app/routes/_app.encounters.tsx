import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge, Button, Callout, Flex, Table, Text, TextField } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { encounterListPage, encounterRoles, parseListDate, shiftDay, todayInOrganization } from "~/encounter-screens.server";

export const meta: MetaFunction = () => [{ title: "Visits · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, encounterRoles);
  const today = todayInOrganization();
  const { date, error } = parseListDate(new URL(request.url).searchParams, today);
  return { date, today, previous: shiftDay(date, -1), next: shiftDay(date, 1), dateError: error, rows: await encounterListPage(user.organizationId, date) };
}

const statusColor = { documented: "gray", coded: "blue", billed: "green" } as const;
const claimColor = { draft: "gray", held: "amber", ready: "blue", released: "green", void: "gray" } as const;

export default function Encounters() {
  const { date, today, previous, next, dateError, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Visits"
        description="Infusion visits documented for a day, and the claims they were coded into."
        actions={
          <Flex gap="2">
            <Button asChild variant="soft">
              <Link to="/encounters/import">Import a day&apos;s CSV</Link>
            </Button>
            <Button asChild>
              <Link to="/encounters/new">Document a visit</Link>
            </Button>
          </Flex>
        }
      />
      <Flex direction="column" gap="4">
        <Form method="get" aria-label="Choose the day">
          <Flex gap="3" align="end" wrap="wrap">
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="visits-date" size="1" weight="medium">
                Date of service
              </Text>
              <TextField.Root id="visits-date" name="date" type="date" defaultValue={date} key={date} />
            </Flex>
            <Button type="submit" variant="soft">
              Show
            </Button>
            <Button asChild variant="ghost" color="gray">
              <Link to={`?date=${previous}`}>Previous day</Link>
            </Button>
            <Button asChild variant="ghost" color="gray">
              <Link to={`?date=${next}`}>Next day</Link>
            </Button>
            {date !== today ? (
              <Button asChild variant="ghost" color="gray">
                <Link to="/encounters">Today</Link>
              </Button>
            ) : null}
          </Flex>
        </Form>
        {dateError ? (
          <Callout.Root color="amber" role="alert">
            <Callout.Text>{dateError}</Callout.Text>
          </Callout.Root>
        ) : null}
        {rows.length === 0 ? (
          <EmptyState title={`No visits documented on ${date}`}>Document a visit, or import the day&apos;s CSV from the infusion system.</EmptyState>
        ) : (
          <Table.Root variant="surface">
            <caption className="visually-hidden">Visits on {date}</caption>
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Patient</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Facility</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Visit</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Claim</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Findings</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>
                  <span className="visually-hidden">Open</span>
                </Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((row) => (
                <Table.Row key={row.id} data-testid="visit-row">
                  <Table.RowHeaderCell>
                    {row.patientInitials}
                    <Text as="div" size="1" color="gray">
                      MRN {row.mrn}
                    </Text>
                  </Table.RowHeaderCell>
                  <Table.Cell>
                    {row.facilityName}
                    <Text as="div" size="1" color="gray">
                      {row.setting === "facility" ? "Facility claim" : "Professional claim"}
                    </Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Badge color={statusColor[row.status]}>{row.status}</Badge>
                    {row.externalVisitId ? (
                      <Text as="div" size="1" color="gray">
                        Imported {row.externalVisitId}
                      </Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>
                    {row.claimNumber && row.claimStatus ? (
                      <Flex gap="2" align="center">
                        <Text>{row.claimNumber}</Text>
                        <Badge color={claimColor[row.claimStatus]}>{row.claimStatus}</Badge>
                      </Flex>
                    ) : (
                      <Text color="gray">Not coded</Text>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {row.claimNumber ? (
                      <Text size="2">
                        {row.errors} error{row.errors === 1 ? "" : "s"}, {row.openWarnings} open warning{row.openWarnings === 1 ? "" : "s"}
                      </Text>
                    ) : (
                      <Text color="gray">—</Text>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <Link to={`/encounters/${row.id}`} aria-label={`Open the visit of ${row.patientInitials}, MRN ${row.mrn}`}>
                      Open
                    </Link>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        )}
      </Flex>
    </>
  );
}
