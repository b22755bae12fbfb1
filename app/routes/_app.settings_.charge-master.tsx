import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Button, Callout, Card, Code, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { CHARGE_CSV_COLUMNS } from "~/billing/charges";
import { handleChargeMasterUpload, loadChargeMaster, MAX_CHARGE_CSV_BYTES } from "~/billing/charges.server";
import { PageHeader } from "~/components/app-shell";
import { CsvRowErrors } from "~/components/csv-row-errors";
import { EmptyState } from "~/components/empty-state";

export const meta: MetaFunction = () => [{ title: "Charge master · Settings · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const { today, entries } = await loadChargeMaster(user.organizationId, new Date());
  return { today, entries, columns: CHARGE_CSV_COLUMNS.map((c) => ({ name: c.name, required: c.required, help: c.help })), maxMegabytes: MAX_CHARGE_CSV_BYTES / 1024 / 1024 };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return handleChargeMasterUpload(request, user.organizationId, user.userId);
}

const dollars = (cents: number) => (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });

export default function ChargeMaster() {
  const { today, entries, columns, maxMegabytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const fileError = result && !result.ok ? result.fileError : undefined;
  return (
    <>
      <PageHeader
        title="Charge master"
        description={`Your price per billing unit (drugs) or per service (administrations), dated. Coding a visit bills units × the charge in force on the date of service. Today is ${today}.`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/settings">Back to settings</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="5">
        <Card size="3">
          <Heading as="h2" size="4" mb="2">
            Upload a price list
          </Heading>
          <Form method="post" encType="multipart/form-data" aria-label="Upload the price list CSV">
            <Flex gap="3" align="end" wrap="wrap">
              <Flex direction="column" gap="1">
                <Text as="label" htmlFor="charges-file" size="1" weight="medium">
                  Price list CSV (up to {maxMegabytes} MB)
                </Text>
                <input
                  id="charges-file"
                  name="file"
                  type="file"
                  accept=".csv,text/csv"
                  className="file-input"
                  required
                  aria-invalid={fileError ? true : undefined}
                  aria-describedby={fileError ? "charges-file-error" : undefined}
                />
                {fileError ? (
                  <Text size="1" color="red" id="charges-file-error" role="alert">
                    {fileError}
                  </Text>
                ) : null}
              </Flex>
              <Button type="submit" loading={navigation.state === "submitting"}>
                Upload
              </Button>
            </Flex>
          </Form>
          {result?.ok ? (
            <Callout.Root color="green" role="status" mt="4" data-testid="upload-result">
              <Callout.Text>
                Saved {result.fileName}: {result.added} charge{result.added === 1 ? "" : "s"} added
                {result.ended > 0 ? `, ${result.ended} earlier version${result.ended === 1 ? "" : "s"} ended the day before the new one starts` : ""}.
              </Callout.Text>
            </Callout.Root>
          ) : null}
          {result && !result.ok && result.errors.length > 0 ? (
            <CsvRowErrors errors={result.errors} fileName={result.fileName} nothing="Nothing was saved" caption="Upload errors" rowTestId="upload-error" />
          ) : null}
          <Text as="p" size="2" color="gray" mt="4">
            The first row names the columns (any order):{" "}
            {columns.map((c, i) => (
              <span key={c.name}>
                {i > 0 ? ", " : ""}
                <Code variant="ghost">{c.name}</Code>
                {c.required ? "" : " (optional)"}
              </span>
            ))}
            . The whole file is saved, or nothing is. A version without an end runs until the next version of the code starts; versions of one code
            may not overlap.
          </Text>
        </Card>
        <section aria-labelledby="entries-heading">
          <Heading as="h2" size="4" mb="2" id="entries-heading">
            In force and scheduled
          </Heading>
          {entries.length === 0 ? (
            <EmptyState title="No charges on file">
              Coded claims are billed at $0 until their codes are here: each line then gets an info finding saying which code to add.
            </EmptyState>
          ) : (
            <Table.Root variant="surface">
              <caption className="visually-hidden">Charges in force and scheduled</caption>
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>Code</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Description</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell justify="end">Unit charge</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>From</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>To</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {entries.map((e) => (
                  <Table.Row key={e.id} data-testid="charge-row">
                    <Table.RowHeaderCell>
                      <Code variant="ghost">{e.code}</Code>
                    </Table.RowHeaderCell>
                    <Table.Cell>{e.description ?? <Text color="gray">—</Text>}</Table.Cell>
                    <Table.Cell justify="end">{dollars(e.unitChargeCents)}</Table.Cell>
                    <Table.Cell>{e.effectiveFrom}</Table.Cell>
                    <Table.Cell>{e.effectiveTo ?? <Text color="gray">until the next version</Text>}</Table.Cell>
                    <Table.Cell>{e.status === "in-force" ? <Badge color="green">in force</Badge> : <Badge color="blue">scheduled</Badge>}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          )}
        </section>
      </Flex>
    </>
  );
}
