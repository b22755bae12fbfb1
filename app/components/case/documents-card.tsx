// The case's documents: what is on file (view inline, download), and — for staff — an upload that lands on the
// timeline as an attached document. Size and type are checked in the browser and again, from the bytes, on the server.
import { Badge, Card, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { dayWords, instantWords } from "./format";
import { documentKindWords, sizeWords } from "./document-forms";
import type { CasePageData } from "./types";

export function DocumentList({ documents, label = "Documents on this case", emptyText = "No documents on this case yet." }: { documents: CasePageData["documents"]; label?: string; emptyText?: string }) {
  if (documents.length === 0) {
    return (
      <Text size="2" color="gray">
        {emptyText}
      </Text>
    );
  }
  return (
    <Table.Root size="1" aria-label={label}>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell>Document</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Kind</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Added</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>
            <span className="visually-hidden">Download</span>
          </Table.ColumnHeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {documents.map((doc) => (
          <Table.Row key={doc.id} data-testid="case-document">
            <Table.RowHeaderCell>
              <a href={`/documents/${doc.id}`} target="_blank" rel="noreferrer">
                {doc.fileName}
              </a>
              <Text as="div" size="1" color="gray">
                {doc.contentType === "application/pdf" ? "PDF" : doc.contentType.replace("image/", "").toUpperCase()} · {sizeWords(doc.sizeBytes)}
                {doc.requestedByPayer ? " · requested by the payer" : ""}
                {doc.sentAt ? ` · sent ${dayWords(doc.sentAt)}` : ""}
              </Text>
            </Table.RowHeaderCell>
            <Table.Cell>
              {documentKindWords(doc.kind)}
              {doc.attached ? null : (
                <Badge ml="1" color="gray" variant="soft" title="On file with the case but never attached through the timeline">
                  on file
                </Badge>
              )}
            </Table.Cell>
            <Table.Cell>
              {instantWords(doc.createdAt)}
              <Text as="div" size="1" color="gray">
                {doc.uploadedBy ?? "—"}
              </Text>
            </Table.Cell>
            <Table.Cell>
              <a href={`/documents/${doc.id}?download`} aria-label={`Download ${doc.fileName}`}>
                Download
              </a>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}

export function DocumentsCard({ documents, children }: { documents: CasePageData["documents"]; children?: React.ReactNode }) {
  return (
    <Card size="2">
      <Flex justify="between" align="baseline" mb="3">
        <Heading as="h2" size="4">
          Documents
        </Heading>
        <Text size="1" color="gray">
          {documents.length} on file
        </Text>
      </Flex>
      <Flex direction="column" gap="4">
        <DocumentList documents={documents} />
        {children}
      </Flex>
    </Card>
  );
}
