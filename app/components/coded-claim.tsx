// A coded claim as a biller reads it: the lines (code, units, modifiers, NDC, revenue code) with why each was
// produced, the findings by severity pointing at their line, and what reference data the coding used.
import { Badge, Box, Callout, Card, Code, Flex, Heading, Table, Text } from "@radix-ui/themes";
import type { CodedClaim, Finding } from "~/coding";
import type { ReferenceInForce } from "~/visit-coding.server";

const severityColor = { error: "red", warning: "amber", info: "blue" } as const;
const severityOrder = { error: 0, warning: 1, info: 2 } as const;

function NdcCell({ ndc }: { ndc: CodedClaim["lines"][number]["ndc"] }) {
  if (!ndc) return <Text color="gray">—</Text>;
  return (
    <Flex direction="column">
      <Code variant="ghost">{ndc.code}</Code>
      <Text size="1" color="gray">
        {ndc.qualifier} {ndc.quantity}
      </Text>
    </Flex>
  );
}

function ClaimLines({ claim }: { claim: CodedClaim }) {
  const facility = claim.setting === "facility";
  return (
    <Table.Root variant="surface" size="2">
      <caption className="visually-hidden">Claim lines</caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell width="40px">#</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Code</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell justify="end">Units</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Modifiers</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>NDC</Table.ColumnHeaderCell>
          {facility ? <Table.ColumnHeaderCell>Rev. code</Table.ColumnHeaderCell> : null}
          <Table.ColumnHeaderCell>Why</Table.ColumnHeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {claim.lines.map((line, index) => (
          <Table.Row key={index} data-testid="claim-line">
            <Table.RowHeaderCell>
              <Text color="gray">{index + 1}</Text>
            </Table.RowHeaderCell>
            <Table.Cell>
              <Flex direction="column">
                <Text weight="bold" data-testid="line-code">
                  {line.code}
                </Text>
                <Text size="1" color="gray">
                  {line.label}
                </Text>
              </Flex>
            </Table.Cell>
            <Table.Cell justify="end">
              <Text weight="medium" data-testid="line-units">
                {line.units}
              </Text>
            </Table.Cell>
            <Table.Cell>
              <Flex gap="1" wrap="wrap" data-testid="line-modifiers">
                {line.modifiers.length === 0 ? <Text color="gray">—</Text> : line.modifiers.map((m) => <Badge key={m} variant="soft" color={m === "JW" ? "amber" : m === "JZ" ? "green" : "gray"}>{m}</Badge>)}
              </Flex>
            </Table.Cell>
            <Table.Cell>
              <NdcCell ndc={line.ndc} />
            </Table.Cell>
            {facility ? <Table.Cell>{line.revenueCode ?? <Text color="gray">—</Text>}</Table.Cell> : null}
            <Table.Cell>
              <Text size="2">{line.explanation}</Text>
              {line.note ? (
                <Text as="div" size="1" color="gray">
                  Note: <Code variant="ghost">{line.note}</Code>
                </Text>
              ) : null}
              <Text as="div" size="1" color="gray">
                From {line.administrations.join(", ")}
              </Text>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return (
      <Callout.Root color="green" variant="surface">
        <Callout.Text>No findings: the documentation supports every line.</Callout.Text>
      </Callout.Root>
    );
  }
  const sorted = [...findings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || (a.line ?? 0) - (b.line ?? 0));
  return (
    <Flex direction="column" gap="2" asChild>
      <ul aria-label="Findings" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {sorted.map((finding, index) => (
          <li key={index} data-testid="finding">
            <Card size="1">
              <Flex gap="3" align="start">
                <Badge color={severityColor[finding.severity]} variant="solid" style={{ minWidth: 64, justifyContent: "center" }}>
                  {finding.severity}
                </Badge>
                <Box flexGrow="1">
                  <Text as="p" size="2">
                    {finding.message}
                  </Text>
                  <Text as="p" size="1" color="gray">
                    <Code variant="ghost">{finding.rule}</Code>
                    {finding.line !== undefined ? ` · line ${finding.line}` : ""}
                    {finding.administration ? ` · ${finding.administration}` : ""}
                    {finding.source ? ` · ${finding.source}` : ""}
                  </Text>
                </Box>
              </Flex>
            </Card>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

export function CodedClaimView({ claim, reference }: { claim: CodedClaim; reference: ReferenceInForce[] }) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of claim.findings) counts[f.severity]++;
  const missing = reference.filter((r) => !r.quarter);
  const outdated = reference.filter((r) => r.outdated);
  return (
    <Flex direction="column" gap="4" aria-live="polite">
      <Flex justify="between" align="end" wrap="wrap" gap="3">
        <Box>
          <Heading as="h2" size="5">
            {claim.lines.length} claim line{claim.lines.length === 1 ? "" : "s"}
          </Heading>
          <Text size="2" color="gray">
            {claim.setting === "facility" ? `Facility claim (UB-04 / 837I), type of bill ${claim.typeOfBill ?? "—"}` : "Professional claim (CMS-1500 / 837P)"} · date of service{" "}
            {claim.dateOfService}
          </Text>
        </Box>
        <Flex gap="2">
          <Badge color="red" size="2">{counts.error} errors</Badge>
          <Badge color="amber" size="2">{counts.warning} warnings</Badge>
          <Badge color="blue" size="2">{counts.info} notes</Badge>
        </Flex>
      </Flex>
      <ClaimLines claim={claim} />
      {missing.length > 0 ? (
        <Callout.Root color="amber" variant="surface" role="status">
          <Callout.Text>
            Not loaded for {claim.dateOfService}: {missing.map((m) => m.label).join(", ")}. Billing units fall back to the seed drug catalog and the
            missing edits are not checked; an administrator can load the CMS files under Reference data.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      {outdated.length > 0 ? (
        <Callout.Root color="amber" variant="surface" role="status">
          <Callout.Text>
            Coded with files from an earlier quarter than {claim.dateOfService}: {outdated.map((r) => `${r.label} ${r.quarter ?? ""}`).join(", ")}. Load the
            current quarter's files under Reference data before billing.
          </Callout.Text>
        </Callout.Root>
      ) : null}
      <Heading as="h2" size="4">
        Findings
      </Heading>
      <Findings findings={claim.findings} />
      {reference.length > 0 ? (
        <Text size="1" color="gray">
          Coded against: {reference.map((r) => `${r.label} ${r.quarter ?? "(none)"}`).join(" · ")}
        </Text>
      ) : null}
      <details>
        <summary>
          <Text size="2">CodedClaim JSON</Text>
        </summary>
        <pre className="json-block">{JSON.stringify(claim, null, 2)}</pre>
      </details>
    </Flex>
  );
}
