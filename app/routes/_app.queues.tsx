import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useState } from "react";
import { Form, Link, useFetcher, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { Badge, Box, Button, Card, Flex, Grid, Select, Text, TextField } from "@radix-ui/themes";
import { AssignCommandSchema } from "~/authorizations/commands";
import { AUTHORIZATION_STATUSES, SITE_OF_CARE_TYPES } from "~/authorizations/vocabulary";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { QueueTable } from "~/components/queues/queue-table";
import { sendCaseCommand } from "~/case-page.server";
import { hasAnyRole, sectionById, type Role } from "~/permissions";
import { DUE_WINDOWS, DUE_WINDOW_LABELS, QUEUES, decodeCursor, parseFilters, parseSort, queueById, renewalBandWords, type QueueSort } from "~/queues";
import { loadFilterOptions, loadQueueCounts, loadQueuePage, loadRenewalBands } from "~/queues.server";
import { siteOfCareLabels, statusLabels } from "~/status-labels";

export const meta: MetaFunction = () => [{ title: "Queues · Infusion PA" }];

/** Coordinators and administrators take cases; clinicians read the queues. */
const ASSIGNING_ROLES: readonly Role[] = ["admin", "coordinator"];

/** Most cases one bulk assign takes: a page of the queue. */
const BULK_LIMIT = 25;

/**
 * `a` on a row takes the case (assigns it to me); a bulk assign sends the selected rows as `caseIds` (comma-separated)
 * with an optional `assigneeId`. Each case is one assign command through the lifecycle engine.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ASSIGNING_ROLES);
  const form = await request.formData();
  const rawIds = form.get("caseIds");
  const bulk = (typeof rawIds === "string" ? rawIds : "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const caseIds = bulk.length > 0 ? [...new Set(bulk)] : [form.get("caseId")];
  if (caseIds.length > BULK_LIMIT) return { ok: false, message: `Assign at most ${BULK_LIMIT} cases at once.` };
  const rawAssignee = form.get("assigneeId");
  const assigneeId = typeof rawAssignee === "string" && rawAssignee !== "" ? rawAssignee : user.userId;
  const role = user.roles.find((r) => ASSIGNING_ROLES.includes(r))!;
  let assigned = 0;
  for (const caseId of caseIds) {
    const parsed = AssignCommandSchema.safeParse({ type: "assign", caseId, assigneeId });
    if (!parsed.success) return { ok: false, message: caseIds.length > 1 ? `Assigned ${assigned}; a selected case could not be read.` : "Choose a case to assign." };
    const result = await sendCaseCommand(user.organizationId, { userId: user.userId, role }, parsed.data);
    if (!result.ok) return { ok: false, message: caseIds.length > 1 ? `Assigned ${assigned}; then: ${result.error.message}` : result.error.message };
    assigned++;
  }
  const who = assigneeId === user.userId ? "you" : "the chosen coordinator";
  return { ok: true, message: assigned === 1 ? `Assigned to ${who}.` : `Assigned ${assigned} cases to ${who}.` };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("queues").roles);
  const url = new URL(request.url);
  const queue = queueById(url.searchParams.get("queue")) ?? QUEUES[0]!;
  const filters = parseFilters(url.searchParams, AUTHORIZATION_STATUSES);
  const sort = parseSort(url.searchParams);
  const cursor = decodeCursor(url.searchParams.get("after"), sort.key);
  const now = new Date();
  const viewer = { organizationId: user.organizationId, userId: user.userId };
  const counts = await loadQueueCounts(viewer);
  const page = await loadQueuePage(queue, filters, viewer, now, cursor, undefined, sort);
  const options = await loadFilterOptions(user.organizationId);
  // The bands come from the payer rules' renewal lead times; the ones the standard rule raises are always offered.
  const bands = queue.id === "renewal-due" ? [...new Set([30, 14, 7, ...(await loadRenewalBands(user.organizationId))])].sort((a, b) => b - a) : [];
  // Instants as ISO strings: the same shape with or without single fetch's Date revival.
  const rows = page.rows.map((row) => ({ ...row, nextDeadlineAt: row.nextDeadlineAt?.toISOString() ?? null, lastEventAt: row.lastEventAt.toISOString() }));
  return { canAssign: hasAnyRole(user.roles, ASSIGNING_ROLES), queueId: queue.id, queueLabel: queue.label, queueDescription: queue.description, counts, page: { rows, nextCursor: page.nextCursor }, options, bands, filters, sort, paged: cursor !== undefined, now: now.toISOString() };
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
  const { canAssign, queueId, queueLabel, queueDescription, counts, page, options, bands, filters, sort, paged, now } = useLoaderData<typeof loader>();
  const assign = useFetcher<typeof action>();
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [bulkAssignee, setBulkAssignee] = useState<string>("me");
  const toggle = (caseId: string) =>
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(caseId)) next.delete(caseId);
      else next.add(caseId);
      return next;
    });
  const assignCases = (caseIds: string[]) => {
    const fields: Record<string, string> = caseIds.length === 1 && checked.size === 0 ? { caseId: caseIds[0]! } : { caseIds: caseIds.join(",") };
    if (checked.size > 0 && bulkAssignee !== "me") fields.assigneeId = bulkAssignee;
    assign.submit(fields, { method: "post" });
    setChecked(new Set());
  };
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
  const sortHref = (next: QueueSort) => withParams({ sort: next.key, dir: next.dir, after: undefined });
  return (
    <>
      <PageHeader
        title="Queues"
        description={`Authorization cases, ordered by what is due next. j/k to move, Enter to open, / to search${canAssign ? ", x to select, a to assign (the selected cases, or take this one)" : ""}.`}
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
                  <Link to={withParams({ queue: q.id, after: undefined, band: undefined })} aria-current={current ? "page" : undefined} prefetch="intent">
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
              {sort.key !== "deadline" || sort.dir !== "asc" ? (
                <>
                  <input type="hidden" name="sort" value={sort.key} />
                  <input type="hidden" name="dir" value={sort.dir} />
                </>
              ) : null}
              <Flex gap="3" wrap="wrap" align="end">
                <Flex direction="column" gap="1" style={{ flex: "1 1 220px" }}>
                  <Text as="label" size="1" color="gray" htmlFor={SEARCH_ID}>
                    Search (patient, MRN, authorization or payer reference)
                  </Text>
                  <TextField.Root id={SEARCH_ID} name="q" size="1" type="search" defaultValue={filters.search ?? ""} placeholder="Press / to search" key={filters.search ?? ""} />
                </Flex>
                <FilterSelect name="payer" label="Payer" value={filters.payerId} options={options.payers} />
                <FilterSelect name="plan" label="Plan" value={filters.planId} options={options.plans} />
                <FilterSelect name="drug" label="Drug" value={filters.drugId} options={options.drugs} />
                <FilterSelect name="assignee" label="Assignee" value={filters.assignee} options={[{ id: "unassigned", name: "Unassigned" }, ...options.members]} />
                <FilterSelect name="status" label="Status" value={filters.status} options={AUTHORIZATION_STATUSES.map((s) => ({ id: s, name: statusLabels[s] }))} />
                <FilterSelect name="due" label="Due" value={filters.due} options={DUE_WINDOWS.map((d) => ({ id: d, name: DUE_WINDOW_LABELS[d] }))} />
                <FilterSelect name="facility" label="Facility" value={filters.facilityId} options={options.facilities} />
                <FilterSelect name="site" label="Site of care" value={filters.siteOfCare} options={SITE_OF_CARE_TYPES.map((site) => ({ id: site, name: siteOfCareLabels[site] }))} />
                {queueId === "renewal-due" ? (
                  <FilterSelect
                    name="band"
                    label="Renewal band"
                    value={filters.band === undefined ? undefined : String(filters.band)}
                    options={[...bands.map((band) => ({ id: String(band), name: `Ends within ${renewalBandWords(band)}` })), { id: "units", name: renewalBandWords("units") }]}
                  />
                ) : null}
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
          {canAssign && checked.size > 0 ? (
            <Card role="region" aria-label="Bulk assign">
              <Flex gap="3" align="center" wrap="wrap">
                <Text size="2" weight="bold">
                  {checked.size} selected
                </Text>
                <Text as="label" size="2" htmlFor="bulk-assignee">
                  Assign to
                </Text>
                <select id="bulk-assignee" value={bulkAssignee} onChange={(event) => setBulkAssignee(event.target.value)}>
                  <option value="me">Me</option>
                  {options.members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
                <Button size="1" onClick={() => assignCases([...checked])} disabled={assign.state !== "idle"}>
                  Assign {checked.size}
                </Button>
                <Button size="1" variant="soft" color="gray" onClick={() => setChecked(new Set())}>
                  Clear selection
                </Button>
              </Flex>
            </Card>
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
              onAssignToMe={canAssign ? assignCases : undefined}
              checked={canAssign ? checked : undefined}
              onToggle={canAssign ? toggle : undefined}
              sortable={{ sort, hrefFor: sortHref }}
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
