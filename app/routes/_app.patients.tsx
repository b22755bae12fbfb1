import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, Button, Card, Flex, Table, Text, TextField } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { dayWords } from "~/components/case/format";
import { decodePatientCursor, listPatients } from "~/patients.server";
import { sectionById } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Patients · Infusion PA" }];

const SEARCH_ID = "patient-search";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("patients").roles);
  const url = new URL(request.url);
  const search = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const after = decodePatientCursor(url.searchParams.get("after"));
  const page = await listPatients(user.organizationId, { search, after });
  return { ...page, search: search ?? "", paged: after !== undefined };
}

export default function Patients() {
  const { patients, nextCursor, search, paged } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withAfter = (after: string | undefined) => {
    const next = new URLSearchParams(params);
    if (after) next.set("after", after);
    else next.delete("after");
    return `/patients?${next.toString()}`;
  };
  return (
    <>
      <PageHeader title="Patients" description="Coverages, regimens, authorization cases and upcoming infusions per patient. Search by name or MRN." />
      <Flex direction="column" gap="3">
        <Card>
          <Form method="get" action="/patients" role="search" aria-label="Find a patient">
            <Flex gap="3" align="end" wrap="wrap">
              <Flex direction="column" gap="1" style={{ flex: "1 1 260px" }}>
                <Text as="label" size="1" color="gray" htmlFor={SEARCH_ID}>
                  Name or MRN
                </Text>
                <TextField.Root id={SEARCH_ID} name="q" size="2" type="search" defaultValue={search} key={search} placeholder="e.g. Rivera or MRN-1001" />
              </Flex>
              <Button type="submit">Search</Button>
              {search ? (
                <Button asChild variant="soft" color="gray">
                  <Link to="/patients">Clear</Link>
                </Button>
              ) : null}
            </Flex>
          </Form>
        </Card>
        {patients.length === 0 ? (
          <EmptyState title={search ? "No patient matches" : "No patients yet"}>
            {search ? `Nobody's name or MRN contains “${search}”. Check the spelling or search by MRN.` : "Patients appear here once they are registered."}
          </EmptyState>
        ) : (
          <Table.Root variant="surface" size="1" aria-label="Patients">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Patient</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>MRN</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Born</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Authorization cases</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {patients.map((patient) => {
                const open = patient.openCases;
                return (
                  <Table.Row key={patient.id} data-testid="patient-row">
                    <Table.RowHeaderCell>
                      <Link to={`/patients/${patient.id}`} style={{ fontWeight: 500 }}>
                        {patient.lastName}, {patient.firstName}
                      </Link>
                    </Table.RowHeaderCell>
                    <Table.Cell>{patient.mrn}</Table.Cell>
                    <Table.Cell>{dayWords(patient.birthDate)}</Table.Cell>
                    <Table.Cell>
                      {patient.cases === 0 ? (
                        <Text color="gray">None</Text>
                      ) : (
                        <>
                          {patient.cases} {patient.cases === 1 ? "case" : "cases"}
                          {open > 0 ? (
                            <Badge ml="2" variant="soft">
                              {open} open
                            </Badge>
                          ) : null}
                        </>
                      )}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table.Root>
        )}
        <Flex gap="2" justify="end">
          {paged ? (
            <Button asChild variant="soft" color="gray" size="1">
              <Link to={withAfter(undefined)}>First page</Link>
            </Button>
          ) : null}
          {nextCursor ? (
            <Button asChild variant="soft" size="1">
              <Link to={withAfter(nextCursor)}>Next page</Link>
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </>
  );
}
