// One payer in Settings: its plans and lines of business, the rules in force today (with supersede / end), and
// the history of earlier and scheduled versions behind a disclosure.
import { Link } from "@remix-run/react";
import { Badge, Box, Button, Card, Flex, Heading, Table, Text } from "@radix-ui/themes";
import type { PayerView, RuleView } from "~/payer-rules.server";

const statusColor = { "in-force": "green", scheduled: "blue", ended: "gray" } as const;

function RuleRows({ rules, withActions, highlight }: { rules: RuleView[]; withActions: boolean; highlight?: string | undefined }) {
  return rules.map((rule) => (
    <Table.Row key={rule.id} data-testid="payer-rule" data-rule-id={rule.id} style={rule.id === highlight ? { background: "var(--accent-a3)" } : undefined}>
      <Table.RowHeaderCell>
        <Text weight="medium">{rule.kindWords}</Text>
      </Table.RowHeaderCell>
      <Table.Cell>
        <Text color={rule.valueProblem ? "red" : undefined} data-testid="rule-value">
          {rule.valueWords}
        </Text>
      </Table.Cell>
      <Table.Cell>{rule.scopeWords}</Table.Cell>
      <Table.Cell>
        <Text as="div" style={{ whiteSpace: "nowrap" }}>
          {rule.effectiveFrom}
        </Text>
        <Text as="div" size="1" color="gray" style={{ whiteSpace: "nowrap" }}>
          {rule.effectiveTo ? `until ${rule.effectiveTo}` : "open-ended"}
        </Text>
        {withActions ? null : (
          <Badge size="1" color={statusColor[rule.status]} mt="1">
            {rule.statusWords}
          </Badge>
        )}
      </Table.Cell>
      <Table.Cell>
        <Text size="1" color="gray">
          {rule.source}
        </Text>
      </Table.Cell>
      {withActions ? (
        <Table.Cell>
          <Flex gap="2" wrap="wrap">
            <Button asChild size="1" variant="soft">
              <Link to={`/settings/payer-rules/${rule.id}/supersede`} aria-label={`New version of ${rule.kindWords} (${rule.scopeWords})`}>
                New version
              </Link>
            </Button>
            <Button asChild size="1" variant="soft" color="gray">
              <Link to={`/settings/payer-rules/${rule.id}/end`} aria-label={`End ${rule.kindWords} (${rule.scopeWords})`}>
                End
              </Link>
            </Button>
          </Flex>
        </Table.Cell>
      ) : null}
    </Table.Row>
  ));
}

function RuleTable({ label, rules, withActions, highlight }: { label: string; rules: RuleView[]; withActions: boolean; highlight?: string | undefined }) {
  return (
    <Table.Root variant="surface" size="1">
      {/* Radix puts Root's props on a wrapper div; a caption names the table itself. */}
      <caption className="visually-hidden">{label}</caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell width="170px">Kind</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Rule</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell width="150px">Applies to</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell width="130px">In force</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell width="22%">Source</Table.ColumnHeaderCell>
          {withActions ? <Table.ColumnHeaderCell width="150px">Change</Table.ColumnHeaderCell> : null}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        <RuleRows rules={rules} withActions={withActions} highlight={highlight} />
      </Table.Body>
    </Table.Root>
  );
}

export function PayerRulesCard({ payer, highlight }: { payer: PayerView; highlight?: string | undefined }) {
  const headingId = `payer-${payer.id}`;
  return (
    <Card size="3" asChild>
      <section aria-labelledby={headingId} data-testid="payer-card">
        <Flex justify="between" align="start" gap="3" wrap="wrap" mb="3">
          <Box>
            <Heading as="h2" size="5" id={headingId}>
              {payer.name}
            </Heading>
            <Text as="p" size="1" color="gray">
              Payer ID {payer.payerCode}
            </Text>
          </Box>
          <Button asChild>
            <Link to={`/settings/payer-rules/new?payer=${payer.id}`} aria-label={`Add a rule for ${payer.name}`}>
              Add a rule
            </Link>
          </Button>
        </Flex>
        <Flex gap="2" wrap="wrap" mb="4" aria-label={`${payer.name} plans`} role="list">
          {payer.plans.length === 0 ? (
            <Text size="2" color="gray">
              No plans on file.
            </Text>
          ) : (
            payer.plans.map((plan) => (
              <Badge key={plan.id} size="2" variant="surface" color="gray" role="listitem">
                {plan.name} · {plan.lineOfBusinessWords}
              </Badge>
            ))
          )}
        </Flex>
        <Heading as="h3" size="3" mb="2">
          In force today
        </Heading>
        {payer.inForce.length === 0 ? (
          <Text as="p" size="2" color="gray" mb="3">
            No rule is in force today: the rule book&apos;s fallbacks apply.
          </Text>
        ) : (
          <RuleTable label={`${payer.name}: rules in force today`} rules={payer.inForce} withActions highlight={highlight} />
        )}
        {payer.history.length > 0 ? (
          <details style={{ marginTop: "var(--space-3)" }}>
            <summary style={{ cursor: "pointer" }}>
              <Text size="2" weight="medium">
                History and scheduled versions ({payer.history.length})
              </Text>
            </summary>
            <Box mt="2">
              <RuleTable label={`${payer.name}: earlier and scheduled versions`} rules={payer.history} withActions={false} highlight={highlight} />
            </Box>
          </details>
        ) : (
          <Text as="p" size="1" color="gray" mt="2">
            No earlier or scheduled versions.
          </Text>
        )}
      </section>
    </Card>
  );
}
