import { Card, Flex, Heading, Text } from "@radix-ui/themes";

/** Says what will appear in a place that has nothing yet, and why. */
export function EmptyState({ title, children, icon }: { title: string; children: React.ReactNode; icon?: React.ReactNode }) {
  return (
    <Card size="3" variant="surface">
      <Flex direction="column" gap="2" align="start">
        {icon}
        <Heading as="h2" size="4">
          {title}
        </Heading>
        <Text as="div" color="gray" size="2">
          {children}
        </Text>
      </Flex>
    </Card>
  );
}
