import { isRouteErrorResponse } from "@remix-run/react";
import { Box, Button, Card, Flex, Heading, Text } from "@radix-ui/themes";

const titles: Record<number, string> = {
  401: "Please sign in",
  403: "Not available for your role",
  404: "We could not find that page",
};

/** What a user sees when a loader or action fails: a plain-words message, never a stack trace. */
export function ErrorPanel({ status, message }: { status: number; message: string }) {
  return (
    <Flex justify="center" p="6">
      <Box maxWidth="560px" width="100%">
        <Card size="3">
          <Flex direction="column" gap="3">
            <Text size="2" color="gray">
              Error {status}
            </Text>
            <Heading as="h1" size="6">
              {titles[status] ?? "Something went wrong"}
            </Heading>
            <Text as="p">{message}</Text>
            <Flex>
              <Button asChild variant="soft">
                <a href="/">Go to my work</a>
              </Button>
            </Flex>
          </Flex>
        </Card>
      </Box>
    </Flex>
  );
}

/** The panel for whatever a loader or action threw: its status and words for a Response, a generic 500 otherwise. */
export function RouteErrorPanel({ error }: { error: unknown }) {
  if (isRouteErrorResponse(error)) return <ErrorPanel status={error.status} message={typeof error.data === "string" ? error.data : error.statusText} />;
  return <ErrorPanel status={500} message="Something went wrong on our side. The error has been logged; please try again." />;
}
