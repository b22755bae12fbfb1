import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Button, Callout, Card, Code, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { CsvRowErrors } from "~/components/csv-row-errors";
import { VISIT_CSV_COLUMNS } from "~/encounter-import.server";
import { encounterRoles, handleVisitUpload, MAX_VISITS_CSV_BYTES } from "~/encounter-screens.server";

export const meta: MetaFunction = () => [{ title: "Import visits · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, encounterRoles);
  return { columns: VISIT_CSV_COLUMNS.map((c) => ({ name: c.name, required: c.required, help: c.help })), maxMegabytes: MAX_VISITS_CSV_BYTES / 1024 / 1024 };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, encounterRoles);
  return handleVisitUpload(request, user.organizationId);
}

export default function ImportVisits() {
  const { columns, maxMegabytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const fileError = result && !result.ok ? result.fileError : undefined;
  return (
    <>
      <PageHeader
        title="Import visits"
        description="A day's visits from the infusion system as CSV, one row per administration. The whole file is imported, or nothing is."
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/encounters">Back to visits</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="5">
        <Card size="3">
          <Form method="post" encType="multipart/form-data" aria-label="Upload the visits CSV">
            <Flex gap="3" align="end" wrap="wrap">
              <Flex direction="column" gap="1">
                <Text as="label" htmlFor="visits-file" size="1" weight="medium">
                  Visits CSV (up to {maxMegabytes} MB)
                </Text>
                <input
                  id="visits-file"
                  name="file"
                  type="file"
                  accept=".csv,text/csv"
                  className="file-input"
                  required
                  aria-invalid={fileError ? true : undefined}
                  aria-describedby={fileError ? "visits-file-error" : undefined}
                />
                {fileError ? (
                  <Text size="1" color="red" id="visits-file-error" role="alert">
                    {fileError}
                  </Text>
                ) : null}
              </Flex>
              <Button type="submit" loading={navigation.state === "submitting"}>
                Import
              </Button>
              <Button asChild variant="ghost">
                <a href="/encounters/import/template" download="visits-template.csv">
                  Download the template
                </a>
              </Button>
            </Flex>
          </Form>
          {result?.ok ? (
            <Callout.Root color="green" role="status" mt="4" data-testid="import-result">
              <Callout.Text>
                Imported {result.fileName}: {result.created} visit{result.created === 1 ? "" : "s"} created, {result.updated} updated, {result.unchanged} unchanged.{" "}
                <Link to="/encounters">See the visits</Link>
              </Callout.Text>
            </Callout.Root>
          ) : null}
          {result && !result.ok && result.errors.length > 0 ? (
            <CsvRowErrors errors={result.errors} fileName={result.fileName} nothing="Nothing was imported" caption="Import errors" rowTestId="import-error" />
          ) : null}
        </Card>
        <section aria-labelledby="columns-heading">
          <Heading as="h2" size="4" mb="2" id="columns-heading">
            Columns
          </Heading>
          <Text as="p" size="2" color="gray" mb="3">
            The first row names the columns (any order). Rows with the same <Code variant="ghost">visit_id</Code> are one visit and must agree on its
            patient, day, facility, provider, diagnoses and weight. Importing a visit id again updates that visit; it never makes a second one.
          </Text>
          <Table.Root variant="surface">
            <caption className="visually-hidden">CSV columns</caption>
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Column</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Required</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>What it holds</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {columns.map((c) => (
                <Table.Row key={c.name}>
                  <Table.RowHeaderCell>
                    <Code variant="ghost">{c.name}</Code>
                  </Table.RowHeaderCell>
                  <Table.Cell>{c.required ? <Badge color="blue">required</Badge> : <Text color="gray">optional</Text>}</Table.Cell>
                  <Table.Cell>{c.help}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </section>
      </Flex>
    </>
  );
}
