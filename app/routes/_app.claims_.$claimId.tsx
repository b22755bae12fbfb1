import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Button, Callout, Card, Code, DataList, Flex, Grid, Heading, Table, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import {
  CLAIM_OVERRIDE_ROLES,
  CLAIM_READ_ROLES,
  CLAIM_WORK_ROLES,
  acknowledgeClaimWarning,
  isClaimId,
  loadClaimPage,
  overrideHoldsOfClaim,
  reevaluateClaimNow,
  type ClaimWriteResult,
} from "~/billing/claim-page.server";
import { PageHeader } from "~/components/app-shell";
import { AcknowledgeFindingForm, OverrideHoldsForm, ReevaluateForm, type ClaimActionResult } from "~/components/claim/claim-forms";
import { dayWords, instantWords } from "~/components/case/format";
import { claimFormSchema, isClaimIntent } from "~/forms/claim";
import { hasAnyRole } from "~/permissions";
import { statusLabels } from "~/status-labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.header.claimNumber} · Claims · Infusion PA` : "Claim · Infusion PA" }];

function claimIdFrom(params: { claimId?: string }): string {
  if (!isClaimId(params.claimId)) throw new Response("There is no claim at this address.", { status: 404 });
  return params.claimId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, CLAIM_READ_ROLES);
  const claimId = claimIdFrom(params);
  const now = new Date();
  const page = await loadClaimPage(user.organizationId, claimId, now);
  if (!page) throw new Response("That claim is not on file in this organization.", { status: 404 });
  return {
    ...page,
    canWork: hasAnyRole(user.roles, CLAIM_WORK_ROLES),
    canOverride: hasAnyRole(user.roles, CLAIM_OVERRIDE_ROLES),
    now: now.toISOString(),
  };
}

/** The roles each intent needs: checked before the form is read, so a direct POST without them is a 403. */
const INTENT_ROLES = {
  "acknowledge-finding": CLAIM_WORK_ROLES,
  reevaluate: CLAIM_WORK_ROLES,
  "override-holds": CLAIM_OVERRIDE_ROLES,
} as const;

export async function action({ request, params }: ActionFunctionArgs): Promise<ClaimActionResult> {
  const user = await requireRole(request, CLAIM_READ_ROLES);
  const claimId = claimIdFrom(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isClaimIntent(intent)) throw new Response("Choose an action for this claim.", { status: 400 });
  if (!hasAnyRole(user.roles, INTENT_ROLES[intent])) {
    throw new Response(`Only ${INTENT_ROLES[intent].join(" or ")} roles may do this; you are signed in as ${user.roles.join(", ")}.`, { status: 403, statusText: "Forbidden" });
  }
  const submission = parseWithZod(formData, { schema: claimFormSchema(intent) });
  const rawFindingId = formData.get("findingId");
  const findingId = typeof rawFindingId === "string" ? rawFindingId : undefined;
  const base = { intent, ...(findingId ? { findingId } : {}) };
  if (submission.status !== "success") return { ...base, saved: false, reply: submission.reply() };
  const actor = { userId: user.userId, roles: user.roles };
  const value = submission.value;
  let result: ClaimWriteResult;
  switch (value.intent) {
    case "acknowledge-finding":
      result = await acknowledgeClaimWarning(user.organizationId, claimId, value.findingId, actor);
      break;
    case "reevaluate":
      result = await reevaluateClaimNow(user.organizationId, claimId, actor);
      break;
    case "override-holds":
      result = await overrideHoldsOfClaim(user.organizationId, claimId, value.reason, actor);
      break;
  }
  if (result.ok) return { ...base, saved: true, message: result.message, reply: submission.reply({ resetForm: true }) };
  if (result.status === 400) return { ...base, saved: false, reply: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) };
  throw new Response(result.message, { status: result.status });
}

const dollars = (cents: number) => (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
const reasonWords = (reason: string) => reason.replace(/-/g, " ");
const claimStatusWords = { draft: "Draft", held: "Held", ready: "Ready", released: "Released", void: "Void" } as const;
const claimStatusColor = { draft: "gray", held: "amber", ready: "blue", released: "green", void: "gray" } as const;
const severityColor = { error: "red", warning: "amber", info: "blue" } as const;
const severityWords = { error: "Error — blocks release", warning: "Warning — needs acknowledgement", info: "Note" } as const;

export default function ClaimPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = (intent: string, findingId?: string) =>
    navigation.state !== "idle" && navigation.formData?.get("intent") === intent && (findingId === undefined || navigation.formData?.get("findingId") === findingId);
  const { header, lines, findings, openHolds, closedHolds, history, canWork, canOverride, atRiskCents } = data;
  const facility = header.setting === "facility";
  return (
    <>
      <PageHeader
        title={`Claim ${header.claimNumber}`}
        description={`${header.patientInitials} · MRN ${header.mrn} · ${header.payerName}, ${header.planName} · ${header.facilityName}`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/claims">Back to the holds queue</Link>
          </Button>
        }
      />
      <Grid columns={{ initial: "1", lg: "3fr 2fr" }} gap="4" align="start">
        <Flex direction="column" gap="4" style={{ minWidth: 0 }}>
          <Card>
            <DataList.Root size="2">
              <DataList.Item>
                <DataList.Label>Status</DataList.Label>
                <DataList.Value>
                  <Badge size="2" color={claimStatusColor[header.status]} data-testid="claim-status">
                    {claimStatusWords[header.status]}
                  </Badge>
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Claim type</DataList.Label>
                <DataList.Value>{header.setting === "facility" ? "Facility (UB-04)" : "Professional (CMS-1500)"}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Patient</DataList.Label>
                <DataList.Value>
                  {header.patientInitials} · MRN {header.mrn}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Payer and plan</DataList.Label>
                <DataList.Value>
                  {header.payerName} · {header.planName} ({header.coveragePriority}) · member {header.memberId}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Facility</DataList.Label>
                <DataList.Value>{header.facilityName}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Date of service</DataList.Label>
                <DataList.Value>{dayWords(header.dateOfService)}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Coded</DataList.Label>
                <DataList.Value>{instantWords(header.createdAt)}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Released</DataList.Label>
                <DataList.Value data-testid="claim-released-at">{header.releasedAt ? instantWords(header.releasedAt) : "Not yet"}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Diagnoses</DataList.Label>
                <DataList.Value>{header.diagnoses.join(", ")}</DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>Total charge</DataList.Label>
                <DataList.Value>{dollars(header.totalChargeCents)}</DataList.Value>
              </DataList.Item>
            </DataList.Root>
          </Card>

        </Flex>

        <Flex direction="column" gap="3" style={{ minWidth: 0 }}>
          <section aria-labelledby="holds-heading">
            <Flex justify="between" align="baseline" mb="2">
              <Heading as="h2" size="4" id="holds-heading">
                Open holds
              </Heading>
              {openHolds.length > 0 ? (
                <Text size="2" color="amber" weight="bold">
                  {dollars(atRiskCents)} at risk
                </Text>
              ) : null}
            </Flex>
            {openHolds.length === 0 ? (
              <Callout.Root color={header.status === "released" ? "green" : "gray"}>
                <Callout.Text>{header.status === "released" ? "Released: no open holds." : "No open holds."}</Callout.Text>
              </Callout.Root>
            ) : (
              <Flex direction="column" gap="2">
                {openHolds.map((h) => (
                  <Card key={h.id} data-testid="claim-hold">
                    <Flex direction="column" gap="1">
                      <Flex justify="between" gap="2" wrap="wrap">
                        <Badge color="amber">{reasonWords(h.reason)}</Badge>
                        <Text size="1" color="gray">
                          {h.lineNumber !== null ? `line ${h.lineNumber} · ` : "whole claim · "}
                          {h.ageDays} d old · {dollars(h.atRiskCents)} at risk
                        </Text>
                      </Flex>
                      <Text size="2">{h.message}</Text>
                      <Text size="2" color="gray">
                        Fix: {h.fix}
                      </Text>
                      {h.caseId ? (
                        <Text size="2">
                          Case that would clear it:{" "}
                          <Link to={`/cases/${h.caseId}`} data-testid="hold-case-link">
                            {h.caseNumber ?? "open the case"}
                          </Link>
                          {h.caseStatus ? <Text color="gray"> ({statusLabels[h.caseStatus] ?? h.caseStatus})</Text> : null}
                        </Text>
                      ) : (
                        <Text size="2" color="gray">
                          No case yet: the fix is on the claim or its visit.
                        </Text>
                      )}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            )}
          </section>
          {canWork && header.status !== "released" && header.status !== "void" ? <ReevaluateForm lastResult={lastResult} pending={submitting("reevaluate")} /> : null}
          {canOverride && openHolds.length > 0 ? <OverrideHoldsForm lastResult={lastResult} pending={submitting("override-holds")} holdCount={openHolds.length} /> : null}
          {lastResult?.intent === "override-holds" && lastResult.saved ? (
            <Callout.Root color="green" role="status">
              <Callout.Text>{lastResult.message}</Callout.Text>
            </Callout.Root>
          ) : null}
          {closedHolds.length > 0 ? (
            <section aria-labelledby="closed-holds-heading">
              <Heading as="h2" size="3" mb="2" id="closed-holds-heading">
                Cleared holds
              </Heading>
              <Flex direction="column" gap="1">
                {closedHolds.map((h) => (
                  <Text key={h.id} size="2" color="gray" data-testid="closed-hold">
                    {reasonWords(h.reason)} — cleared {instantWords(h.releasedAt)}
                    {h.overrideReason ? ` by ${h.releasedByName ?? "an admin"}'s override: “${h.overrideReason}”` : h.releasedByName ? ` by ${h.releasedByName}` : " by the gate"}
                  </Text>
                ))}
              </Flex>
            </section>
          ) : null}
        </Flex>
      </Grid>
      <Flex direction="column" gap="4" mt="4">
        <section aria-labelledby="lines-heading">
          <Heading as="h2" size="4" mb="2" id="lines-heading">
            Claim lines
          </Heading>
          <Table.Root variant="surface" aria-labelledby="lines-heading">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell width="40px">#</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>HCPCS/CPT</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Modifiers</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell justify="end">Units</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>NDC</Table.ColumnHeaderCell>
                {facility ? <Table.ColumnHeaderCell>Rev. code</Table.ColumnHeaderCell> : null}
                <Table.ColumnHeaderCell>Date</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell justify="end">Charge</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {lines.map((line) => (
                <Table.Row key={line.id} data-testid="claim-line">
                  <Table.RowHeaderCell>{line.lineNumber}</Table.RowHeaderCell>
                  <Table.Cell>
                    <Text weight="bold">{line.code}</Text>
                    {line.drugName ? (
                      <Text as="div" size="1" color="gray">
                        {line.drugName}
                      </Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>{line.modifiers.length ? line.modifiers.join(" ") : <Text color="gray">—</Text>}</Table.Cell>
                  <Table.Cell justify="end">{line.units}</Table.Cell>
                  <Table.Cell>
                    {line.ndc11 ? (
                      <>
                        <Code variant="ghost">{line.ndc11}</Code>
                        <Text as="div" size="1" color="gray">
                          {line.ndcQualifier} {line.ndcQuantity}
                        </Text>
                      </>
                    ) : (
                      <Text color="gray">—</Text>
                    )}
                  </Table.Cell>
                  {facility ? <Table.Cell>{line.revenueCode ?? <Text color="gray">—</Text>}</Table.Cell> : null}
                  <Table.Cell style={{ whiteSpace: "nowrap" }}>{dayWords(line.dateOfService)}</Table.Cell>
                  <Table.Cell justify="end">{dollars(line.chargeCents)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </section>

        <section aria-labelledby="findings-heading">
          <Heading as="h2" size="4" mb="2" id="findings-heading">
            Coding findings
          </Heading>
          {findings.length === 0 ? (
            <Text size="2" color="gray">
              The coding engine raised nothing on this claim.
            </Text>
          ) : (
            <Flex direction="column" gap="2">
              {findings.map((f) => (
                <Card key={f.id} data-testid="claim-finding" data-severity={f.severity}>
                  <Flex justify="between" gap="3" align="start">
                    <Flex direction="column" gap="1">
                      <Flex gap="2" align="center" wrap="wrap">
                        <Badge color={severityColor[f.severity]}>{severityWords[f.severity]}</Badge>
                        <Code variant="ghost">{f.rule}</Code>
                        {f.lineNumber !== null ? <Text size="1" color="gray">line {f.lineNumber}</Text> : null}
                      </Flex>
                      <Text size="2">{f.message}</Text>
                      {f.acknowledgedAt ? (
                        <Text size="1" color="green">
                          Acknowledged by {f.acknowledgedByName ?? "someone"} on {instantWords(f.acknowledgedAt)}
                        </Text>
                      ) : null}
                      {lastResult?.intent === "acknowledge-finding" && lastResult.findingId === f.id && lastResult.saved ? (
                        <Text size="1" color="green" role="status">
                          {lastResult.message}
                        </Text>
                      ) : null}
                    </Flex>
                    {f.severity === "warning" && !f.acknowledgedAt && canWork ? (
                      <AcknowledgeFindingForm findingId={f.id} rule={f.rule} lastResult={lastResult} pending={submitting("acknowledge-finding", f.id)} />
                    ) : null}
                  </Flex>
                </Card>
              ))}
            </Flex>
          )}
        </section>

        <section aria-labelledby="history-heading">
          <Heading as="h2" size="4" mb="2" id="history-heading">
            History
          </Heading>
          <Card>
            <ol style={{ margin: 0, padding: 0, listStyle: "none" }} aria-label="Claim history">
              {history.map((h, i) => (
                <li key={i} data-testid="claim-history" data-kind={h.kind}>
                  <Text size="2">
                    <Text color="gray">{instantWords(h.at)}</Text> — {h.words}
                    {h.actorName ? <Text color="gray"> · {h.actorName}</Text> : null}
                  </Text>
                </li>
              ))}
            </ol>
          </Card>
        </section>
      </Flex>
    </>
  );
}
