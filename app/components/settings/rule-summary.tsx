// The version a form changes, in words: what it says, whom it applies to, its dates and where it comes from.
import { Card, DataList, Text } from "@radix-ui/themes";
import type { RuleView } from "~/payer-rules.server";

export function RuleSummary({ title, payerName, rule }: { title: string; payerName: string; rule: RuleView }) {
  return (
    <Card size="2" aria-label={title}>
      <Text as="p" size="2" weight="bold" mb="3">
        {title}
      </Text>
      <DataList.Root size="2">
        <DataList.Item>
          <DataList.Label minWidth="120px">Payer</DataList.Label>
          <DataList.Value>{payerName}</DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label minWidth="120px">Rule</DataList.Label>
          <DataList.Value>
            <Text color={rule.valueProblem ? "red" : undefined}>{rule.valueWords}</Text>
          </DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label minWidth="120px">Applies to</DataList.Label>
          <DataList.Value>{rule.scopeWords}</DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label minWidth="120px">In force</DataList.Label>
          <DataList.Value>
            {rule.effectiveWords} · {rule.statusWords}
          </DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label minWidth="120px">Source</DataList.Label>
          <DataList.Value>{rule.source}</DataList.Value>
        </DataList.Item>
      </DataList.Root>
    </Card>
  );
}
