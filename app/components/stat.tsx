import { Card, Flex, Text } from "@radix-ui/themes";

export function Stat({ label, value, tone }: { label: string; value: number | string; tone?: "red" | "amber" | "green" | "gray" }) {
  return (
    <Card className="stat-card">
      <Flex direction="column" gap="1">
        <Text size="1" color="gray" weight="medium">
          {label}
        </Text>
        <Text size="6" weight="bold" color={tone === "gray" ? undefined : tone}>
          {value}
        </Text>
      </Flex>
    </Card>
  );
}
