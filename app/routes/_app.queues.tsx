import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { Badge, Box, Button, Card, Flex, Grid, Select, Text, TextField } from "@radix-ui/themes";
import { AssignCommandSchema } from "~/authorizations/commands";
import { AUTHORIZATION_STATUSES } from "~/authorizations/vocabulary";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { QueueTable } from "~/components/queues/queue-table";
import { sendCaseCommand } from "~/case-page.server";
import { hasAnyRole, sectionById, type Role } from "~/permissions";
import { DUE_WINDOWS, DUE_WINDOW_LABELS, QUEUES, decodeCursor, parseFilters, queueById } from "~/queues";
import { loadFilterOptions, loadQueueCounts, loadQueuePage } from "~/queues.server";
import { statusLabels } from "~/status-labels";

export const meta: MetaFunction = () => [{ title: "Queues · Infusion PA" }];

/** Coordinators and administrators take cases; clinicians read the queues. */
const ASSIGNING_ROLES: readonly Role[] = ["admin", "coordinator"];

/** `a` on a row: take the case (assign it to me) through the lifecycle engine. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ASSIGNING_ROLES);
  const form = await request.formData();
  const parsed = AssignCommandSchema.safeParse({ type: "assign", caseId: form.get("caseId"), assigneeId: user.userId });
  if (!parsed.success) return { ok: false, message: "Choose a case to assign." };
  const role = user.roles.find((r) => ASSIGNING_ROLES.includes(r))!;
  const result = await sendCaseCommand(user.organizationId, { userId: user.userId, role }, parsed.data);
  return result.ok ? { ok: true, message: "Assigned to you." } : { ok: false, message: result.error.message };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("queues").roles);
  const url = new URL(request.url);
  const queue = queueById(url.searchParams.get("queue")) ?? QUEUES[0]!;
  const filters = parseFilters(url.searchParams, AUTHORIZATION_STATUSES);
  const cursor = decodeCursor(url.searchParams.get("after"));
  const now = new Date();
  const viewer = { organizationId: user.organizationId, userId: user.userId };
  const counts = await loadQueueCounts(viewer);
  const page = await loadQueuePage(queue, filters, viewer, now, cursor);
  const options = await loadFilterOptions(user.organizationId);
  // Instants as ISO strings: the same shape with or without single fetch's Date revival.
  const rows = page.rows.map((row) => ({ ...row, nextDeadlineAt: row.nextDeadlineAt?.toISOString() ?? null, lastEventAt: row.lastEventAt.toISOString() }));
  return { canAssign: hasAnyRole(user.roles, ASSIGNING_ROLES), queueId: queue.id, queueLabel: queue.label, queueDescription: queue.description, counts, page: { rows, nextCursor: page.nextCursor }, options, filters, paged: cursor !== undefined, now: now.toISOString() };
}

const ANY = "any";
const SEARCH_ID = "queue-search";

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: { id: string; name: string }[] }) {
  const submit = useSubmit();
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="1" color="gray" id={`${name}-label`}>
        {label}
      </Text>
      <Select.Root
        name={name}
        defaultValue={value ?? ANY}
        size="1"
        onValueChange={(next) => {
          const form = document.getElementById("queue-filters") as HTMLFormElement | null;
          if (!form) return;
          const data = new FormData(form);
          data.set(name, next);
          for (const [key, v] of [...data.entries()]) if (v === ANY || v === "") data.delete(key);
          submit(data, { method: "get", action: "/queues" });
        }}
      >
        <Select.Trigger aria-labelledby={`${name}-label`} style={{ minWidth: 140 }} />
        <Select.Content>
          <Select.Item value={ANY}>Any</Select.Item>
          {options.map((o) => (
            <Select.Item key={o.id} value={o.id}>
              {o.name}
            </Select.Item>
          ))}
        </Select.Content>
      </Select.Root>
    </Flex>
  );
}

export default function Queues() {
  const { canAssign, queueId, queueLabel, queueDescription, counts, page, options, filters, paged, now } = useLoaderData<typeof loader>();
  const assign = useFetcher<typeof action>();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    return `/queues?${next.toString()}`;
  };
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title="Queues"
        description={`Authorization cases, ordered by what is due next. j/k to move, Enter to open, / to search${canAssign ? ", a to take the case" : ""}.`}
        actions={
          canAssign ? (
            <Button asChild variant="soft" color="gray">
              <Link to="/mail">Mail sent and waiting</Link>
            </Button>
          ) : undefined
        }
      />
      <Grid columns={{ initial: "1", md: "200px 1fr" }} gap="4">
        <nav aria-label="Queues">
          <Flex direction="column" gap="1">
            {QUEUES.map((q) => {
              const current = q.id === queueId;
              return (
                <Button key={q.id} asChild variant={current ? "soft" : "ghost"} color={current ? undefined : "gray"} style={{ justifyContent: "space-between", margin: 0 }}>
                  <Link to={withParams({ queue: q.id, after: undefined })} aria-current={current ? "page" : undefined} prefetch="intent">
                    <span>{q.label}</span>
                    <Badge color={q.id === "denied" && counts[q.id] > 0 ? "red" : "gray"} variant="soft" radius="full" data-testid={`count-${q.id}`}>
                      {counts[q.id]}
                    </Badge>
                  </Link>
                </Button>
              );
            })}
          </Flex>
        </nav>
        <Flex direction="column" gap="3" style={{ minWidth: 0 }}>
          <Card>
            <Form method="get" id="queue-filters" action="/queues">
              <input type="hidden" name="queue" value={queueId} />
              <Flex gap="3" wrap="wrap" align="end">
                <Flex direction="column" gap="1" style={{ flex: "1 1 220px" }}>
                  <Text as="label" size="1" color="gray" htmlFor={SEARCH_ID}>
                    Search (patient, MRN, authorization or payer reference)
                  </Text>
                  <TextField.Root id={SEARCH_ID} name="q" size="1" type="search" defaultValue={filters.search ?? ""} placeholder="Press / to search" key={filters.search ?? ""} />
                </Flex>
                <FilterSelect name="payer" label="Payer" value={filters.payerId} options={options.payers} />
                <FilterSelect name="drug" label="Drug" value={filters.drugId} options={options.drugs} />
                <FilterSelect name="assignee" label="Assignee" value={filters.assignee} options={[{ id: "unassigned", name: "Unassigned" }, ...options.members]} />
                <FilterSelect name="status" label="Status" value={filters.status} options={AUTHORIZATION_STATUSES.map((s) => ({ id: s, name: statusLabels[s] }))} />
                <FilterSelect name="due" label="Due" value={filters.due} options={DUE_WINDOWS.map((d) => ({ id: d, name: DUE_WINDOW_LABELS[d] }))} />
                <FilterSelect name="facility" label="Facility" value={filters.facilityId} options={options.facilities} />
                <Button type="submit" size="1">
                  Search
                </Button>
                {filtered ? (
                  <Button asChild size="1" variant="soft" color="gray">
                    <Link to={`/queues?queue=${queueId}`}>Clear filters</Link>
                  </Button>
                ) : null}
              </Flex>
            </Form>
          </Card>
          <Flex justify="between" align="baseline">
            <Box>
              <Text as="div" size="4" weight="bold">
                {queueLabel}
              </Text>
              <Text as="div" size="2" color="gray">
                {queueDescription}
                {filtered ? " · filtered" : ""}
              </Text>
            </Box>
            <Text size="2" color="gray">
              {filtered ? `${page.rows.length}${page.nextCursor ? "+" : ""} matching · ` : ""}
              {counts[queueId]} in queue
            </Text>
          </Flex>
          {assign.data && assign.state === "idle" ? (
            <Text size="2" color={assign.data.ok ? "green" : "red"} role="status">
              {assign.data.message}
            </Text>
          ) : null}
          {page.rows.length === 0 ? (
            <EmptyState title={filtered ? "No cases match these filters" : "Nothing in this queue"}>
              {filtered ? "Clear a filter or search for something else." : "Cases appear here as soon as they need this kind of work."}
            </EmptyState>
          ) : (
            <QueueTable
              rows={page.rows}
              now={now}
              searchInputId={SEARCH_ID}
              onAssignToMe={canAssign ? (caseId) => assign.submit({ caseId }, { method: "post" }) : undefined}
            />
          )}
          <Flex gap="2" justify="end">
            {paged ? (
              <Button asChild variant="soft" color="gray" size="1">
                <Link to={withParams({ after: undefined })}>First page</Link>
              </Button>
            ) : null}
            {page.nextCursor ? (
              <Button asChild variant="soft" size="1">
                <Link to={withParams({ after: page.nextCursor })}>Next page</Link>
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Grid>
    </>
  );
}
