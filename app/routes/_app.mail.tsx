import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Box, Callout, Card, Code, Flex, Grid, Heading, Table, Tabs, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { loadConfig } from "~/config.server";
import { emailSettings, listOutboxEmails, previewOutboxEmail } from "~/email.server";

export const meta: MetaFunction = () => [{ title: "Mail · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin", "coordinator"]);
  const config = loadConfig();
  const emails = await listOutboxEmails(user.organizationId);
  const selectedId = new URL(request.url).searchParams.get("id") ?? emails[0]?.id;
  let preview: { subject: string; html: string; text: string; to: string[]; missingRecipient: string | null; skipped: string | null; replyTo: string | null; businessKey: string } | null = null;
  let previewError: string | null = null;
  if (selectedId && /^[0-9a-f-]{36}$/i.test(selectedId)) {
    try {
      const composed = await previewOutboxEmail(user.organizationId, selectedId, emailSettings(config));
      if (composed)
        preview = { ...composed.rendered, to: composed.to, missingRecipient: composed.missingRecipient ?? null, skipped: composed.skipped ?? null, replyTo: composed.replyTo ?? null, businessKey: composed.businessKey };
    } catch (error) {
      previewError = error instanceof Error ? error.message : String(error);
    }
  }
  return { emails, selectedId: selectedId ?? null, preview, previewError, sending: Boolean(config.RESEND_API_KEY && config.EMAIL_FROM) };
}

const stateColor = { waiting: "amber", sent: "green", failed: "red" } as const;

export default function Mail() {
  const { emails, selectedId, preview, previewError, sending } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Mail" description="Every email the lifecycle queued, rendered exactly as it is (or would be) sent." />
      <Flex direction="column" gap="4">
        <Callout.Root color={sending ? "green" : "amber"} role="status">
          <Callout.Text>
            {sending
              ? "Sending through Resend: the background sweep delivers waiting emails within 15 seconds."
              : "RESEND_API_KEY is not set, so nothing is sent: emails wait in the outbox and you can read them here."}
          </Callout.Text>
        </Callout.Root>
        {emails.length === 0 ? (
          <EmptyState title="No emails yet">Renewal alerts, payer information requests, peer-to-peer scheduling and decision notices appear here as cases move.</EmptyState>
        ) : (
          <Grid columns={{ initial: "1", md: "2fr 3fr" }} gap="4">
            <Table.Root variant="surface" aria-label="Emails">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>Email</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>To</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>State</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {emails.map((email) => (
                  <Table.Row key={email.id} aria-current={email.id === selectedId ? "true" : undefined}>
                    <Table.Cell>
                      <Link to={`?id=${email.id}`}>{email.template}</Link>
                      <Text as="div" size="1" color="gray">
                        {new Date(email.createdAt).toLocaleString("en-US")}
                      </Text>
                    </Table.Cell>
                    <Table.Cell>{email.to === "ordering-provider" ? "Ordering provider" : email.to === "assignee" ? "Coordinator" : email.to}</Table.Cell>
                    <Table.Cell>
                      <Badge color={stateColor[email.state]} variant="soft">
                        {email.state}
                      </Badge>
                      {email.lastError ? (
                        <Text as="div" size="1" color="red">
                          {email.lastError}
                        </Text>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
            <Card>
              {previewError ? (
                <Callout.Root color="red" role="alert">
                  <Callout.Text>This email cannot be rendered: {previewError}</Callout.Text>
                </Callout.Root>
              ) : preview ? (
                <Flex direction="column" gap="2">
                  <Heading as="h2" size="3">
                    {preview.subject}
                  </Heading>
                  <Text size="2">
                    To:{" "}
                    {preview.to.length ? (
                      preview.to.join(", ")
                    ) : preview.skipped ? (
                      <Text color="gray">nobody — not sent: {preview.skipped}</Text>
                    ) : (
                      <Text color="red">nobody — {preview.missingRecipient}</Text>
                    )}
                    {preview.replyTo ? ` · Reply-to: ${preview.replyTo}` : ""}
                  </Text>
                  <Text size="1" color="gray">
                    Idempotency key <Code variant="ghost">{preview.businessKey}</Code>
                  </Text>
                  <Tabs.Root defaultValue="html">
                    <Tabs.List>
                      <Tabs.Trigger value="html">HTML</Tabs.Trigger>
                      <Tabs.Trigger value="text">Plain text</Tabs.Trigger>
                    </Tabs.List>
                    <Box pt="3">
                      <Tabs.Content value="html">
                        <iframe title="Email preview" srcDoc={preview.html} sandbox="allow-popups allow-popups-to-escape-sandbox" style={{ width: "100%", height: "640px", border: 0 }} />
                      </Tabs.Content>
                      <Tabs.Content value="text">
                        <pre style={{ whiteSpace: "pre-wrap", fontSize: "13px" }}>{preview.text}</pre>
                      </Tabs.Content>
                    </Box>
                  </Tabs.Root>
                </Flex>
              ) : (
                <Text color="gray">Choose an email to read it.</Text>
              )}
            </Card>
          </Grid>
        )}
      </Flex>
    </>
  );
}
