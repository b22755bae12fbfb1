// What an all-or-nothing CSV upload answers when a row is wrong: that nothing was kept, and a table of each problem
// by row and column (the visits import and the charge master).
import { Callout, Code, Flex, Table, Text } from "@radix-ui/themes";

export function CsvRowErrors({
  errors,
  fileName,
  nothing,
  caption,
  rowTestId,
}: {
  errors: readonly { row: number; column: string; message: string }[];
  fileName: string | undefined;
  /** "Nothing was imported", "Nothing was saved". */
  nothing: string;
  caption: string;
  rowTestId: string;
}) {
  return (
    <Flex direction="column" gap="3" mt="4">
      <Callout.Root color="red" role="alert">
        <Callout.Text>
          {nothing}: {errors.length} problem{errors.length === 1 ? "" : "s"} in {fileName ?? "the file"}. Fix
          {errors.length === 1 ? " it" : " them"} in the file and upload it again.
        </Callout.Text>
      </Callout.Root>
      <Table.Root variant="surface">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell justify="end">Row</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Column</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Expected</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {errors.map((e, i) => (
            <Table.Row key={i} data-testid={rowTestId}>
              <Table.RowHeaderCell justify="end">{e.row}</Table.RowHeaderCell>
              <Table.Cell>{e.column === "file" ? <Text color="gray">whole file</Text> : <Code variant="ghost">{e.column}</Code>}</Table.Cell>
              <Table.Cell>{e.message}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Flex>
  );
}
