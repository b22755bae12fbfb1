import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Badge, Button, Callout, Card, Code, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { deliverySummary, retryDelivery } from "~/deliveries.server";

export const meta: MetaFunction = () => [{ title: "Deliveries · Settings · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return deliverySummary(user.organizationId);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const form = await request.formData();
  const id = form.get("outboxId");
  if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Response("outboxId: expected the id of a dead-lettered delivery", { status: 400 });
  const retried = await retryDelivery(user.organizationId, user.userId, id, new Date());
  return redirect(`/settings/deliveries?${retried ? "retried=1" : "gone=1"}`);
}

const stateColor = { waiting: "amber", delivered: "green", dead: "red" } as const;

export default function Deliveries() {
  const { byTopic, dead, retrying } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Side effects of case changes — emails, claim re-evaluation, ledger syncs, linked case commands — delivered at least once by the background sweep."
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/settings">Back to settings</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="4">
        {params.get("retried") ? (
          <Callout.Root color="green" role="status">
            <Callout.Text>The delivery is back in line; the next sweep (within 15 seconds) tries it again.</Callout.Text>
          </Callout.Root>
        ) : null}
        {params.get("gone") ? (
          <Callout.Root color="amber" role="status">
            <Callout.Text>That delivery is no longer dead-lettered; nothing was changed.</Callout.Text>
          </Callout.Root>
        ) : null}
        <Card>
          <Heading as="h2" size="3" mb="2">
            By topic
          </Heading>
          {byTopic.length === 0 ? (
            <Text color="gray" size="2">
              Nothing has been queued yet.
            </Text>
          ) : (
            <Flex gap="2" wrap="wrap">
              {byTopic.map((row) => (
                <Badge key={`${row.topic}-${row.state}`} color={stateColor[row.state]} variant="soft" size="2">
                  {row.topic}: {row.n} {row.state}
                </Badge>
              ))}
            </Flex>
          )}
        </Card>
        <Heading as="h2" size="4">
          Dead letters
        </Heading>
        {dead.length === 0 ? (
          <EmptyState title="No failed deliveries">A delivery that fails every retry (or fails for a reason retrying cannot fix) appears here with its last error, so someone can fix the cause and retry it.</EmptyState>
        ) : (
          <Table.Root variant="surface">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Topic</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>What</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Last error</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Attempts</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Gave up</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>
                  <span className="visually-hidden">Retry</span>
                </Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {dead.map((row) => (
                <Table.Row key={row.id}>
                  <DeliveryCells row={row} />
                  <Table.Cell>{row.attempts}</Table.Cell>
                  <Table.Cell>{row.deadAt ? new Date(row.deadAt).toLocaleString("en-US") : ""}</Table.Cell>
                  <Table.Cell>
                    <Form method="post">
                      <input type="hidden" name="outboxId" value={row.id} />
                      <Button type="submit" size="1" variant="soft" loading={navigation.formData?.get("outboxId") === row.id}>
                        Retry
                      </Button>
                    </Form>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        )}
        {retrying.length > 0 ? (
          <>
            <Heading as="h2" size="4">
              Retrying
            </Heading>
            <Table.Root variant="surface">
              <Table.Body>
                {retrying.map((row) => (
                  <Table.Row key={row.id}>
                    <DeliveryCells row={row} />
                    <Table.Cell>
                      attempt {row.attempts}, next at {new Date(row.availableAt).toLocaleString("en-US")}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </>
        ) : null}
      </Flex>
    </>
  );
}

/** What a delivery is and why it last failed: the cells both tables start with. */
function DeliveryCells({ row }: { row: { topic: string; businessKey: string; lastError: string | null } }) {
  return (
    <>
      <Table.Cell>{row.topic}</Table.Cell>
      <Table.Cell>
        <Code variant="ghost">{row.businessKey}</Code>
      </Table.Cell>
      <Table.Cell>{row.lastError}</Table.Cell>
    </>
  );
}
