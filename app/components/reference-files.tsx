// The CMS files the coding engine reads: what is loaded per kind, table and quarter, and the rows each import
// rejected with their line numbers.
import { Badge, Box, Code, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { EDIT_TABLE_LABELS, REFERENCE_KIND_LABELS, isEditTable, quarterLabel } from "~/reference/reference-file";
import type { ReferenceImportSummary } from "~/reference/store.server";
import type { RejectedRow } from "~/reference/types";

/** A loaded file as the page gets it (dates as ISO strings). */
export type ImportRowView = Omit<ReferenceImportSummary, "importedAt"> & { importedAt: string };

export function tableLabel(table: string): string {
  return isEditTable(table) ? EDIT_TABLE_LABELS[table] : table === "" ? "—" : table;
}

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function RejectedRows({ rows, total, caption }: { rows: readonly RejectedRow[]; total: number; caption: string }) {
  return (
    <Box className="rejected-table">
      <Table.Root size="1" variant="surface">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell width="70px">Line</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Why it was rejected</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Row as read</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={`${row.line}-${row.reason}`} data-testid="rejected-row">
              <Table.RowHeaderCell>{row.line}</Table.RowHeaderCell>
              <Table.Cell>{row.reason}</Table.Cell>
              <Table.Cell>
                <Code variant="ghost" size="1" style={{ wordBreak: "break-all" }}>
                  {row.text.length > 120 ? `${row.text.slice(0, 120)}…` : row.text}
                </Code>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
      {total > rows.length ? (
        <Text as="p" size="1" color="gray" mt="1">
          {total - rows.length} more rejected row(s) not shown.
        </Text>
      ) : null}
    </Box>
  );
}

/** Per file with rejected rows: the rows and why, under a summary a keyboard user can open. */
export function RejectedByFile({ imports }: { imports: readonly ImportRowView[] }) {
  const withRejections = imports.filter((i) => i.rowsRejected > 0);
  if (withRejections.length === 0) return null;
  return (
    <Flex direction="column" gap="2">
      <Heading as="h3" size="3" mt="3">
        Rejected rows
      </Heading>
      {withRejections.map((i) => (
        <details key={i.id} id={`rejected-${i.id}`} className="rejected-details">
          <summary>
            <Text size="2" weight="medium">
              {i.rowsRejected.toLocaleString("en-US")} rejected row(s) in {i.fileName} ({REFERENCE_KIND_LABELS[i.kind]}, {quarterLabel(i.effectiveFrom)})
            </Text>
          </summary>
          <Box mt="2">
            <RejectedRows rows={i.rejected} total={i.rowsRejected} caption={`Rejected rows of ${i.fileName}`} />
          </Box>
        </details>
      ))}
    </Flex>
  );
}

export function ReferenceImportsTable({ imports }: { imports: readonly ImportRowView[] }) {
  return (
    <Table.Root variant="surface">
      <caption className="visually-hidden">Loaded CMS files</caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell>File</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Table</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Quarter</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell justify="end">Rows</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell justify="end">Rejected</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Imported</Table.ColumnHeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {imports.map((i) => (
          <Table.Row key={i.id} data-testid="reference-import">
            <Table.RowHeaderCell>
              <Flex direction="column">
                <Text weight="medium">{REFERENCE_KIND_LABELS[i.kind]}</Text>
                <Text size="1" color="gray">
                  {i.fileName}
                </Text>
              </Flex>
            </Table.RowHeaderCell>
            <Table.Cell>{tableLabel(i.table)}</Table.Cell>
            <Table.Cell>
              <Flex direction="column">
                <Text>{quarterLabel(i.effectiveFrom)}</Text>
                <Text size="1" color="gray">
                  from {i.effectiveFrom}
                </Text>
              </Flex>
            </Table.Cell>
            <Table.Cell justify="end">{i.rowsLoaded.toLocaleString("en-US")}</Table.Cell>
            <Table.Cell justify="end">
              {i.rowsRejected === 0 ? (
                <Text color="gray">0</Text>
              ) : (
                <a href={`#rejected-${i.id}`} aria-label={`${i.rowsRejected} rejected rows of ${i.fileName}: show them`}>
                  <Badge color="amber">{i.rowsRejected.toLocaleString("en-US")}</Badge>
                </a>
              )}
            </Table.Cell>
            <Table.Cell>
              <Flex direction="column">
                <Text>{dateTime.format(new Date(i.importedAt))} UTC</Text>
                <Text size="1" color="gray">
                  {i.importedByName ?? (i.importedById ? "an administrator of another organization" : "command line")}
                </Text>
              </Flex>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}
