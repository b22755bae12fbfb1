import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, Flex, Grid, Heading, Table, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { DocumentList } from "~/components/case/documents-card";
import { dayWords, doseWords, quantityWords, ROUTE_SHORT } from "~/components/case/format";
import { UpcomingVisits } from "~/components/case/upcoming-visits";
import { PATIENT_UPCOMING_DAYS, isPatientId, loadPatientPage, type PatientPage } from "~/patients.server";
import { CASE_READER_ROLES, hasAnyRole, sectionById } from "~/permissions";
import { deadlineWords } from "~/queues";
import { certificationLabels, statusLabels } from "~/status-labels";

type PatientData = SerializeFrom<PatientPage>;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.patient.lastName}, ${data.patient.firstName} · Patients · Infusion PA` : "Patient · Infusion PA" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("patients").roles);
  if (!isPatientId(params.patientId)) throw new Response("There is no patient at this address.", { status: 404 });
  const page = await loadPatientPage(user.organizationId, params.patientId, new Date());
  if (!page) throw new Response("That patient is not on file in this organization.", { status: 404 });
  // Instants as ISO strings, with or without single fetch's Date revival (as the case page does).
  // The look-ahead travels with the data: a .server module's constants do not reach the browser bundle.
  // Billers read patients but not case pages (the Queues section): their case numbers are not links.
  return { ...(JSON.parse(JSON.stringify(page)) as PatientData), upcomingDays: PATIENT_UPCOMING_DAYS, canOpenCases: hasAnyRole(user.roles, CASE_READER_ROLES) };
}

const STATUS_COLOR: Partial<Record<string, "red" | "green" | "amber" | "gray" | "orange">> = {
  denied: "red",
  approved: "green",
  partially_approved: "green",
  modified: "green",
  renewal_due: "amber",
  exhausted: "orange",
  expired: "gray",
  superseded: "gray",
  cancelled: "gray",
  voided: "gray",
};

const PRIORITY_WORDS: Record<string, string> = { primary: "Primary", secondary: "Secondary", tertiary: "Tertiary" };
const ENTRY_WORDS: Record<string, string> = { scheduled: "Booked", administered: "Administered", billed: "Billed", adjustment: "Adjustment", reversal: "Reversal" };

function Coverages({ coverages, today }: { coverages: PatientData["coverages"]; today: string }) {
  return (
    <Card size="2">
      <Heading as="h2" size="4" mb="3" id="coverages-title">
        Coverages
      </Heading>
      {coverages.length === 0 ? (
        <Text size="2" color="gray">
          No insurance coverage on file.
        </Text>
      ) : (
        <Table.Root size="1" aria-labelledby="coverages-title">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Payer and plan</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Member id</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Priority</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Dates</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {coverages.map((cov) => {
              const inForce = cov.effectiveFrom <= today && (!cov.effectiveTo || cov.effectiveTo >= today);
              return (
                <Table.Row key={cov.id} data-testid="patient-coverage">
                  <Table.RowHeaderCell>
                    {cov.payerName}
                    <Text as="div" size="1" color="gray">
                      {cov.planName}
                    </Text>
                  </Table.RowHeaderCell>
                  <Table.Cell>
                    {cov.memberId}
                    {cov.groupNumber ? (
                      <Text as="div" size="1" color="gray">
                        group {cov.groupNumber}
                      </Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>{PRIORITY_WORDS[cov.priority] ?? cov.priority}</Table.Cell>
                  <Table.Cell>
                    {dayWords(cov.effectiveFrom)} – {cov.effectiveTo ? dayWords(cov.effectiveTo) : "open-ended"}
                    <br />
                    <Badge color={inForce ? "green" : "gray"} variant="soft">
                      {inForce ? "in force" : cov.effectiveFrom > today ? "future" : "ended"}
                    </Badge>
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table.Root>
      )}
    </Card>
  );
}

function Regimens({ regimens }: { regimens: PatientData["regimens"] }) {
  return (
    <Card size="2">
      <Heading as="h2" size="4" mb="3" id="regimens-title">
        Regimens
      </Heading>
      {regimens.length === 0 ? (
        <Text size="2" color="gray">
          No regimen ordered.
        </Text>
      ) : (
        <Table.Root size="1" aria-labelledby="regimens-title">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Drug</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Dose</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Frequency</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Dates</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {regimens.map((r) => (
              <Table.Row key={r.id} data-testid="patient-regimen">
                <Table.RowHeaderCell>
                  {r.drugName} {r.brandName ? `(${r.brandName})` : ""}
                  <Text as="div" size="1" color="gray">
                    {r.hcpcs} · {r.facilityName}
                  </Text>
                </Table.RowHeaderCell>
                <Table.Cell>
                  {doseWords(r.doseValue, r.doseUnit, r.doseBasis)}
                  <Text as="div" size="1" color="gray">
                    {ROUTE_SHORT[r.route]}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  {r.frequency}
                  <Text as="div" size="1" color="gray">
                    {r.administrationsCount} administrations
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  {dayWords(r.startDate)} – {r.endDate ? dayWords(r.endDate) : "ongoing"}
                  {r.status !== "active" ? (
                    <Badge ml="2" color="gray" variant="soft">
                      {r.status}
                    </Badge>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Card>
  );
}

/** A case number: a link to the case for those who may open case pages, plain text for the others. */
function CaseRef({ id, caseNumber, canOpen, bold }: { id: string; caseNumber: string | null; canOpen: boolean; bold?: boolean }) {
  const text = caseNumber ?? "linked case";
  if (!canOpen) return <Text weight={bold ? "medium" : undefined}>{text}</Text>;
  return (
    <Link to={`/cases/${id}`} style={bold ? { fontWeight: 500 } : undefined}>
      {text}
    </Link>
  );
}

function CaseLink({ link, words, canOpen }: { link: { id: string; caseNumber: string | null } | null; words: string; canOpen: boolean }) {
  if (!link) return null;
  return (
    <Text as="div" size="1" color="gray">
      {words} <CaseRef id={link.id} caseNumber={link.caseNumber} canOpen={canOpen} />
    </Text>
  );
}

function Cases({ chains, canOpen }: { chains: PatientData["chains"]; canOpen: boolean }) {
  return (
    <Card size="2">
      <Heading as="h2" size="4" mb="3">
        Authorization cases
      </Heading>
      {chains.length === 0 ? (
        <Text size="2" color="gray">
          No authorization case for this patient yet.
        </Text>
      ) : (
        <Flex direction="column" gap="3">
          {chains.map((chain) => (
            <ol key={chain[0]!.id} aria-label={`Cases ${chain.map((k) => k.caseNumber).join(", ")}`} data-testid="case-chain" style={{ margin: 0, padding: 0, listStyle: "none", borderLeft: chain.length > 1 ? "2px solid var(--accent-a6)" : undefined, paddingLeft: chain.length > 1 ? 12 : 0 }}>
              {chain.map((k) => (
                <li key={k.id} data-testid="patient-case" style={{ padding: "6px 0" }}>
                  <Flex gap="2" align="center" wrap="wrap">
                    <CaseRef id={k.id} caseNumber={k.caseNumber} canOpen={canOpen} bold />
                    <Badge color={STATUS_COLOR[k.status] ?? "gray"}>{statusLabels[k.status]}</Badge>
                    <Text size="1" color="gray">
                      {certificationLabels[k.certificationType]}
                    </Text>
                  </Flex>
                  <Text as="div" size="2">
                    {k.drugName ?? k.hcpcs ?? "—"} · {k.payerName} · {k.planName}
                    {k.authorizationNumber ? ` · auth ${k.authorizationNumber}` : ""}
                  </Text>
                  <Text as="div" size="1" color="gray">
                    {k.effectiveFrom ? `Authorized ${dayWords(k.effectiveFrom)} – ${dayWords(k.effectiveTo)}` : `Requested ${dayWords(k.requestedFrom)} – ${dayWords(k.requestedTo)}`}
                    {k.authorizedQuantity !== null ? ` · ${quantityWords(k.usedQuantity, k.unitType)} used of ${quantityWords(k.authorizedQuantity, k.unitType)}` : ""}
                    {k.nextDeadlineAt ? ` · next: ${deadlineWords(k.nextDeadlineKind)} ${dayWords(k.nextDeadlineAt)}` : ""}
                  </Text>
                  <CaseLink link={k.predecessor} words="Follows" canOpen={canOpen} />
                  <CaseLink link={k.successor} words="Renewed by" canOpen={canOpen} />
                  <CaseLink link={k.revised} words="Revised by" canOpen={canOpen} />
                  <CaseLink link={k.supersededBy} words="Superseded by" canOpen={canOpen} />
                </li>
              ))}
            </ol>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function Ledgers({ ledgers, canOpen }: { ledgers: PatientData["ledgers"]; canOpen: boolean }) {
  return (
    <Card size="2">
      <Heading as="h2" size="4" mb="3">
        Unit ledger per authorization
      </Heading>
      {ledgers.length === 0 ? (
        <Text size="2" color="gray">
          No authorization has been approved yet, so nothing is counted.
        </Text>
      ) : (
        <Flex direction="column" gap="4">
          {ledgers.map((ledger) => (
            <section key={ledger.caseId} aria-labelledby={`ledger-${ledger.caseId}`} data-testid="patient-ledger">
              <Flex justify="between" align="baseline" wrap="wrap" gap="2">
                <Heading as="h3" size="2" id={`ledger-${ledger.caseId}`}>
                  Authorization {ledger.authorizationNumber} (<CaseRef id={ledger.caseId} caseNumber={ledger.caseNumber} canOpen={canOpen} />)
                </Heading>
                <Badge color={STATUS_COLOR[ledger.status] ?? "gray"} variant="soft">
                  {statusLabels[ledger.status]}
                </Badge>
              </Flex>
              <Grid columns="3" gap="2" my="2">
                <Text size="2">
                  <Text color="gray">Authorized</Text> <Text weight="bold">{quantityWords(ledger.authorized, ledger.unitType)}</Text>
                </Text>
                <Text size="2">
                  <Text color="gray">Used</Text> <Text weight="bold">{quantityWords(ledger.used, ledger.unitType)}</Text>
                </Text>
                <Text size="2" data-testid="ledger-remaining">
                  <Text color="gray">Remaining</Text> <Text weight="bold">{quantityWords(ledger.remaining, ledger.unitType)}</Text>
                </Text>
              </Grid>
              <Text as="div" size="1" color={ledger.exhaustsBeforeEnd ? "amber" : "gray"}>
                {ledger.projectedExhaustionOn ? `Booked doses use the rest by ${dayWords(ledger.projectedExhaustionOn)}${ledger.exhaustsBeforeEnd ? `, before the end date ${dayWords(ledger.effectiveTo)}` : ""}.` : `Ends ${dayWords(ledger.effectiveTo)}; ${ledger.bookedDoses} booked ${ledger.bookedDoses === 1 ? "dose" : "doses"} draw on it.`}
              </Text>
              {ledger.entries.length === 0 ? (
                <Text as="div" size="1" color="gray" mt="1">
                  No entries yet.
                </Text>
              ) : (
                <Table.Root size="1" mt="2" aria-label={`Ledger entries of ${ledger.caseNumber}`}>
                  <Table.Header>
                    <Table.Row>
                      <Table.ColumnHeaderCell>Date</Table.ColumnHeaderCell>
                      <Table.ColumnHeaderCell>Entry</Table.ColumnHeaderCell>
                      <Table.ColumnHeaderCell justify="end">{ledger.unitType === "visits" ? "Visits" : "Units"}</Table.ColumnHeaderCell>
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {ledger.entries.map((entry) => (
                      <Table.Row key={entry.id} data-testid="ledger-entry">
                        <Table.RowHeaderCell>{dayWords(entry.occurredOn)}</Table.RowHeaderCell>
                        <Table.Cell>
                          {ENTRY_WORDS[entry.kind] ?? entry.kind}
                          {entry.hcpcs ? ` · ${entry.hcpcs}` : ""}
                          {entry.note ? (
                            <Text as="div" size="1" color="gray">
                              {entry.note}
                            </Text>
                          ) : null}
                        </Table.Cell>
                        <Table.Cell justify="end">{ledger.unitType === "visits" ? entry.visits : entry.units}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table.Root>
              )}
            </section>
          ))}
        </Flex>
      )}
    </Card>
  );
}

export default function PatientPageRoute() {
  const data = useLoaderData<typeof loader>();
  const { patient, today, coverages, regimens, chains, upcoming, ledgers, documents, upcomingDays, canOpenCases } = data;
  const caseNumbers = Object.fromEntries(chains.flat().map((k) => [k.id, k.caseNumber]));
  return (
    <>
      <PageHeader
        title={`${patient.lastName}, ${patient.firstName}`}
        description={`MRN ${patient.mrn} · born ${dayWords(patient.birthDate)}${patient.facilityName ? ` · ${patient.facilityName}` : ""}`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/patients">All patients</Link>
          </Button>
        }
      />
      <Grid columns={{ initial: "1", lg: "3fr 2fr" }} gap="4" align="start">
        <Flex direction="column" gap="4" style={{ minWidth: 0 }}>
          <Cases chains={chains} canOpen={canOpenCases} />
          <UpcomingVisits upcoming={upcoming} days={upcomingDays} caseNumbers={caseNumbers} emptyText={`No infusions are booked in the next ${upcomingDays} days.`} />
          <Ledgers ledgers={ledgers} canOpen={canOpenCases} />
        </Flex>
        <Flex direction="column" gap="4" style={{ minWidth: 0 }}>
          <Coverages coverages={coverages} today={today} />
          <Regimens regimens={regimens} />
          <Card size="2">
            <Heading as="h2" size="4" mb="3">
              Documents
            </Heading>
            <DocumentList documents={documents.map((d) => ({ ...d, attached: true }))} label="The patient's documents" emptyText="No documents on file for this patient." />
          </Card>
        </Flex>
      </Grid>
    </>
  );
}
