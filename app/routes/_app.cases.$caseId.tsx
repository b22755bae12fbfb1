import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, DataList, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { COMMAND_ROLES, type Actor, type DomainError } from "~/authorizations";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { CaseActions, type CaseActionResult } from "~/components/case/case-actions";
import { caseFormSchema, isCaseFormCommand } from "~/components/case/case-command-forms";
import { Timeline } from "~/components/case/timeline";
import { isCaseId, loadCasePage, sendCaseCommand } from "~/case-page.server";
import { hasAnyRole, sectionById, type Role } from "~/permissions";
import { deadlineWords } from "~/queues";
import { statusLabels } from "~/status-labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.header.patientLastName}, ${data.header.patientFirstName} · ${data.header.caseNumber} · Infusion PA` : "Case · Infusion PA" },
];

/** Coordinators and administrators act on cases; clinicians read them. */
const ACTING_ROLES: readonly Role[] = ["admin", "coordinator"];

function caseIdFrom(params: { caseId?: string }): string {
  if (!isCaseId(params.caseId)) throw new Response("There is no case at this address.", { status: 404 });
  return params.caseId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("queues").roles);
  const caseId = caseIdFrom(params);
  const page = await loadCasePage(user.organizationId, caseId);
  if (!page) throw new Response("That case is not on file in this organization.", { status: 404 });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ...page,
    header: { ...page.header, nextDeadlineAt: iso(page.header.nextDeadlineAt), lastEventAt: page.header.lastEventAt.toISOString() },
    events: page.events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    canAct: hasAnyRole(user.roles, ACTING_ROLES),
    now: new Date().toISOString(),
  };
}

/** The reply for an engine refusal: field problems on their fields, everything else above the form. */
function refusalReply(error: DomainError): { formErrors?: string[]; fieldErrors?: Record<string, string[]> } {
  if (error.issues?.length) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) (fieldErrors[issue.path] ??= []).push(issue.message);
    return { formErrors: [error.message], fieldErrors };
  }
  return { formErrors: [error.message] };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<CaseActionResult> {
  const user = await requireRole(request, ACTING_ROLES);
  const caseId = caseIdFrom(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isCaseFormCommand(intent)) throw new Response("Choose an action for this case.", { status: 400 });
  const submission = parseWithZod(formData, { schema: caseFormSchema(intent, caseId) });
  if (submission.status !== "success") return { intent, saved: false, reply: submission.reply() };
  // The role the engine checks: the first of the user's roles the command allows.
  const role = user.roles.find((r) => COMMAND_ROLES[intent].includes(r)) ?? user.roles[0]!;
  const actor: Actor = { userId: user.userId, role };
  const result = await sendCaseCommand(user.organizationId, actor, submission.value as never);
  if (!result.ok) return { intent, saved: false, reply: submission.reply(refusalReply(result.error)) };
  return { intent, saved: true, reply: submission.reply({ resetForm: true }) };
}

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" });
const CERTIFICATION_WORDS: Record<string, string> = {
  initial: "Initial request",
  renewal: "Renewal",
  revised: "Revised request",
  extension: "Extension",
  appeal: "Appeal",
  retro: "Retro request",
};
const SITE_WORDS: Record<string, string> = {
  office: "Physician office",
  ambulatory_infusion_center: "Ambulatory infusion center",
  hopd_on_campus: "Hospital outpatient (on campus)",
  hopd_off_campus: "Hospital outpatient (off campus)",
  home: "Home infusion",
};

export default function CasePage() {
  const { header, lines, events, members, canAct, now } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const names = Object.fromEntries(members.map((m) => [m.id, m.name]));
  const overdue = header.nextDeadlineAt !== null && Date.parse(header.nextDeadlineAt) < Date.parse(now);
  const remaining = header.authorizedQuantity !== null ? Math.max(0, header.authorizedQuantity - header.usedQuantity) : null;
  const units = header.unitType;
  return (
    <>
      <PageHeader
        title={`${header.patientLastName}, ${header.patientFirstName}`}
        description={`${header.caseNumber} · MRN ${header.mrn} · born ${header.birthDate} · ${header.facilityName}`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/queues">Back to queues</Link>
          </Button>
        }
      />
      <Grid columns={{ initial: "1", lg: "3fr 2fr" }} gap="4" align="start">
        <Flex direction="column" gap="4" style={{ minWidth: 0 }}>
          <Card size="2">
            <Flex justify="between" align="start" mb="3" gap="3" wrap="wrap">
              <Heading as="h2" size="4">
                Authorization
              </Heading>
              <Flex gap="2">
                <Badge size="2" color={header.status === "denied" ? "red" : header.status === "approved" ? "green" : "blue"} data-testid="case-status">
                  {statusLabels[header.status]}
                </Badge>
                {header.urgency === "expedited" ? <Badge color="orange">Expedited</Badge> : null}
                <Badge color="gray">{CERTIFICATION_WORDS[header.certificationType] ?? header.certificationType}</Badge>
              </Flex>
            </Flex>
            <DataList.Root size="2">
              <DataList.Item>
                <DataList.Label>Payer</DataList.Label>
                <DataList.Value>
                  {header.payerName} · {header.planName} · member {header.memberId}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Next deadline</DataList.Label>
                <DataList.Value>
                  {header.nextDeadlineAt ? (
                    <Text color={overdue ? "red" : undefined} weight={overdue ? "bold" : undefined}>
                      {overdue ? "Overdue · " : ""}
                      {deadlineWords(header.nextDeadlineKind)} · {dateTime.format(new Date(header.nextDeadlineAt))}
                      <Text as="div" size="1" color="gray">
                        Rule: {header.nextDeadlineRule ?? "—"}
                      </Text>
                    </Text>
                  ) : (
                    "None"
                  )}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Authorization number</DataList.Label>
                <DataList.Value>{header.authorizationNumber ?? "Not yet"}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Payer reference</DataList.Label>
                <DataList.Value>{header.payerReference ?? "—"}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Requested</DataList.Label>
                <DataList.Value>
                  {header.requestedQuantity ?? "—"} {units}, {header.requestedFrom} to {header.requestedTo}, {SITE_WORDS[header.requestedSiteOfCare]}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Authorized</DataList.Label>
                <DataList.Value>
                  {header.authorizedQuantity !== null
                    ? `${header.authorizedQuantity} ${units}, ${header.effectiveFrom} to ${header.effectiveTo}${header.authorizedSiteOfCare ? `, ${SITE_WORDS[header.authorizedSiteOfCare]}` : ""}`
                    : "Not yet"}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Units used / remaining</DataList.Label>
                <DataList.Value>
                  {header.usedQuantity} used{remaining !== null ? ` · ${remaining} remaining` : ""}
                </DataList.Value>
              </DataList.Item>
              {header.siteOfCareException ? (
                <DataList.Item>
                  <DataList.Label>Site-of-care exception</DataList.Label>
                  <DataList.Value>{header.siteOfCareException}</DataList.Value>
                </DataList.Item>
              ) : null}
              {header.decisionReason ? (
                <DataList.Item>
                  <DataList.Label>Payer&apos;s reason</DataList.Label>
                  <DataList.Value>{header.decisionReason}</DataList.Value>
                </DataList.Item>
              ) : null}
              <DataList.Item>
                <DataList.Label>Assignee</DataList.Label>
                <DataList.Value data-testid="case-assignee">{header.assigneeName ?? "Unassigned"}</DataList.Value>
              </DataList.Item>
            </DataList.Root>
          </Card>
          <Card size="2">
            <Heading as="h2" size="4" mb="3">
              Drug lines
            </Heading>
            <Flex direction="column" gap="2">
              {lines.map((line) => (
                <Flex key={line.lineNumber} justify="between" gap="3" wrap="wrap">
                  <Text size="2">
                    <Text weight="medium">
                      {line.lineNumber}. {line.drugName ?? line.hcpcs}
                    </Text>{" "}
                    {line.hcpcs} · {line.doseValue} {line.doseUnit} per dose ({line.unitsPerDose} units)
                  </Text>
                  <Text size="2" color="gray">
                    requested {line.requestedUnits ?? "—"} units / {line.requestedVisits ?? "—"} visits ·{" "}
                    {line.authorizedUnits !== null || line.authorizedVisits !== null
                      ? `authorized ${line.authorizedUnits ?? "—"} units / ${line.authorizedVisits ?? "—"} visits`
                      : "not authorized yet"}
                  </Text>
                </Flex>
              ))}
            </Flex>
          </Card>
          <Timeline events={events} names={names} />
        </Flex>
        <Flex direction="column" gap="3">
          {canAct ? (
            <CaseActions
              caseId={header.id}
              status={header.status}
              assigneeId={header.assigneeId}
              members={members}
              lineNumbers={lines.map((l) => l.lineNumber)}
              requestedSiteOfCare={header.requestedSiteOfCare}
              lastResult={lastResult}
            />
          ) : (
            <Card>
              <Text size="2" color="gray">
                You can read this case. PA coordinators and administrators record what happens on it.
              </Text>
            </Card>
          )}
        </Flex>
      </Grid>
    </>
  );
}
