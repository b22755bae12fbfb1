// The case header a coordinator decides from: status, payer and member, the authorization's number and dates,
// requested against authorized (quantity, dates, site), units left and when the booked doses use them up,
// site-of-care standing, linked cases, open holds, the next deadline and the drug lines with dose and basis.
import { Link } from "@remix-run/react";
import { Badge, Callout, Card, DataList, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { isHospitalSite } from "~/authorizations/vocabulary";
import { deadlineWords } from "~/queues";
import { intervalWords } from "~/letters/draft";
import { certificationLabels, siteOfCareLabels, statusLabels } from "~/status-labels";
import { dayWords, doseWords, instantWords, quantityWords, ROUTE_SHORT, withCaseNumbers } from "./format";
import type { CasePageData } from "./types";

const STATUS_COLOR: Partial<Record<string, "red" | "green" | "blue" | "amber" | "gray" | "orange">> = {
  denied: "red",
  approved: "green",
  partially_approved: "green",
  modified: "green",
  renewal_due: "amber",
  exhausted: "orange",
  expired: "gray",
  cancelled: "gray",
  voided: "gray",
  superseded: "gray",
  duplicate: "gray",
};

const EXCEPTION_WORDS: Record<string, string> = { requested: "Exception requested", granted: "Exception granted", denied: "Exception denied" };

const doses = (n: number) => (n === 1 ? "1 dose" : `${n} doses`);

function UnitsLeft({ data }: { data: CasePageData }) {
  const { header, ledger } = data;
  const unitType = header.unitType;
  if (!ledger) {
    return <Text>{header.authorizedQuantity === null ? "Nothing authorized yet" : `${quantityWords(header.usedQuantity, unitType)} used`}</Text>;
  }
  const tone = ledger.firstUncoveredOn ? "red" : ledger.exhaustsBeforeEnd ? "amber" : undefined;
  return (
    <Flex direction="column" gap="1">
      <Text data-testid="units-remaining">
        <Text weight="bold">{quantityWords(ledger.remaining, unitType)}</Text> left of {quantityWords(ledger.authorized, unitType)} ({quantityWords(ledger.used, unitType)} used)
      </Text>
      <Text size="1" color={tone} weight={tone ? "medium" : undefined} data-testid="projected-exhaustion">
        {ledger.remaining <= 0
          ? `Every authorized ${unitType === "visits" ? "visit" : "unit"} is used: start the renewal or ask the payer for more.`
          : ledger.bookedDoses === 0
          ? "No booked dose draws on this authorization yet, so no run-out date is projected."
          : ledger.projectedExhaustionOn
            ? `Projected to run out on ${dayWords(ledger.projectedExhaustionOn)}${ledger.exhaustsBeforeEnd ? `, before the end date ${dayWords(ledger.effectiveTo)}` : ""} (${doses(ledger.bookedDoses)} booked).`
            : `${ledger.bookedDoses === 1 ? "The booked dose uses" : `The ${ledger.bookedDoses} booked doses use`} ${quantityWords(ledger.booked, unitType)}; ${quantityWords(Math.round((ledger.remaining - ledger.booked) * 100) / 100, unitType)} would be left at the end date ${dayWords(ledger.effectiveTo)}.`}
        {ledger.firstUncoveredOn ? ` The dose booked on ${dayWords(ledger.firstUncoveredOn)} is not covered by what is left.` : ""}
      </Text>
    </Flex>
  );
}

function SiteOfCare({ data }: { data: CasePageData }) {
  const { header, siteOfCare } = data;
  const authorized = header.authorizedSiteOfCare;
  return (
    <Flex direction="column" gap="1">
      <Text>
        {authorized ? `Authorized at ${siteOfCareLabels[authorized].toLowerCase()}` : `Requested at ${siteOfCareLabels[header.requestedSiteOfCare].toLowerCase()}`}
        {siteOfCare.exception ? (
          <Badge ml="2" color={siteOfCare.exception === "granted" ? "green" : siteOfCare.exception === "denied" ? "red" : "blue"}>
            {EXCEPTION_WORDS[siteOfCare.exception] ?? siteOfCare.exception}
          </Badge>
        ) : null}
      </Text>
      {siteOfCare.transitionDueAt ? (
        <Text size="1" color="amber" weight="medium" data-testid="site-transition">
          Transition due {instantWords(siteOfCare.transitionDueAt)}: {siteOfCare.transitionWords}
        </Text>
      ) : siteOfCare.transitionRaised ? (
        <Text size="1" color="red" weight="medium" data-testid="site-transition">
          The site-of-care transition date has passed: move later doses or file the exception.
        </Text>
      ) : null}
      {siteOfCare.payerCriteria.length > 0 && (isHospitalSite(authorized ?? header.requestedSiteOfCare) || siteOfCare.exception) ? (
        <Text size="1" color="gray">
          Payer&apos;s exception criteria: {siteOfCare.payerCriteria.join(" or ")}
          {siteOfCare.policySource ? ` (${siteOfCare.policySource})` : ""}
        </Text>
      ) : null}
    </Flex>
  );
}

export function CaseSummary({ data, now, caseNumbers }: { data: CasePageData; now: string; caseNumbers: Record<string, string> }) {
  const { header, links, holds } = data;
  const unitType = header.unitType;
  const overdue = header.nextDeadlineAt !== null && Date.parse(header.nextDeadlineAt) < Date.parse(now);
  return (
    <Card size="2">
      <Flex justify="between" align="start" mb="3" gap="3" wrap="wrap">
        <Heading as="h2" size="4">
          Authorization
        </Heading>
        <Flex gap="2" wrap="wrap">
          <Badge size="2" color={STATUS_COLOR[header.status] ?? "blue"} data-testid="case-status">
            {statusLabels[header.status]}
          </Badge>
          {header.urgency === "expedited" ? <Badge color="orange">Expedited</Badge> : null}
          <Badge color="gray">{certificationLabels[header.certificationType]}</Badge>
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
          <DataList.Label>Authorization number</DataList.Label>
          <DataList.Value data-testid="authorization-number">{header.authorizationNumber ?? "Not yet"}</DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label>Effective dates</DataList.Label>
          <DataList.Value>{header.effectiveFrom ? `${dayWords(header.effectiveFrom)} to ${dayWords(header.effectiveTo)}` : "Not authorized yet"}</DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label>Payer reference</DataList.Label>
          <DataList.Value>{header.payerReference ?? "—"}</DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label>Next deadline</DataList.Label>
          <DataList.Value>
            {header.nextDeadlineAt ? (
              <Text color={overdue ? "red" : undefined} weight={overdue ? "bold" : undefined}>
                {overdue ? "Overdue · " : ""}
                {deadlineWords(header.nextDeadlineKind)} · {instantWords(header.nextDeadlineAt)}
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
          <DataList.Label>{unitType === "visits" ? "Visits left" : "Units left"}</DataList.Label>
          <DataList.Value>
            <UnitsLeft data={data} />
          </DataList.Value>
        </DataList.Item>
        <DataList.Item>
          <DataList.Label>Site of care</DataList.Label>
          <DataList.Value>
            <SiteOfCare data={data} />
          </DataList.Value>
        </DataList.Item>
        {header.decisionReason ? (
          <DataList.Item>
            <DataList.Label>Payer&apos;s reason</DataList.Label>
            <DataList.Value>{header.decisionReason}</DataList.Value>
          </DataList.Item>
        ) : null}
        {links.map((link) => (
          <DataList.Item key={link.relation}>
            <DataList.Label>{link.relation[0]!.toUpperCase() + link.relation.slice(1)}</DataList.Label>
            <DataList.Value data-testid={`link-${link.relation.replace(/\s+/g, "-")}`}>
              {link.caseNumber ? (
                <Link to={`/cases/${link.caseId}`}>
                  {link.caseNumber}
                  {link.status ? ` (${statusLabels[link.status]})` : ""}
                </Link>
              ) : (
                <Text color="gray">Being opened; it appears here within a minute.</Text>
              )}
            </DataList.Value>
          </DataList.Item>
        ))}
        <DataList.Item>
          <DataList.Label>Assignee</DataList.Label>
          <DataList.Value data-testid="case-assignee">{header.assigneeName ?? "Unassigned"}</DataList.Value>
        </DataList.Item>
      </DataList.Root>

      <Table.Root size="1" variant="surface" mt="4" aria-label="Requested and authorized">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell />
            <Table.ColumnHeaderCell>Requested</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Authorized</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          <Table.Row>
            <Table.RowHeaderCell>{unitType === "visits" ? "Visits" : "Units"}</Table.RowHeaderCell>
            <Table.Cell>{quantityWords(header.requestedQuantity, unitType)}</Table.Cell>
            <Table.Cell>{header.authorizedQuantity === null ? "—" : quantityWords(header.authorizedQuantity, unitType)}</Table.Cell>
          </Table.Row>
          <Table.Row>
            <Table.RowHeaderCell>Dates</Table.RowHeaderCell>
            <Table.Cell>
              {dayWords(header.requestedFrom)} to {dayWords(header.requestedTo)}
            </Table.Cell>
            <Table.Cell>{header.effectiveFrom ? `${dayWords(header.effectiveFrom)} to ${dayWords(header.effectiveTo)}` : "—"}</Table.Cell>
          </Table.Row>
          <Table.Row>
            <Table.RowHeaderCell>Site of care</Table.RowHeaderCell>
            <Table.Cell>{siteOfCareLabels[header.requestedSiteOfCare]}</Table.Cell>
            <Table.Cell>{header.authorizedSiteOfCare ? siteOfCareLabels[header.authorizedSiteOfCare] : "—"}</Table.Cell>
          </Table.Row>
        </Table.Body>
      </Table.Root>

      {holds.length > 0 ? (
        <Callout.Root color="amber" mt="4" role="status" data-testid="case-holds">
          <Callout.Text>
            <Text weight="bold">On hold after the regimen change:</Text>
            {holds.map((hold) => (
              <Text as="span" key={hold.holdId} style={{ display: "block" }}>
                From {dayWords(hold.from)}: {hold.message} {withCaseNumbers(hold.fix, caseNumbers)}
              </Text>
            ))}
          </Callout.Text>
        </Callout.Root>
      ) : null}
    </Card>
  );
}

export function DrugLines({ lines, unitType }: { lines: CasePageData["lines"]; unitType: "units" | "visits" }) {
  return (
    <Card size="2">
      <Heading as="h2" size="4" mb="3">
        Drug lines
      </Heading>
      <Flex direction="column" gap="3" asChild>
        <ol style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Drug lines">
          {lines.map((line) => {
            const schedule = [line.route ? ROUTE_SHORT[line.route] : null, intervalWords(line.intervalDays ?? undefined), line.administrations ? `${line.administrations} administrations` : null].filter(Boolean).join(", ");
            return (
              <li key={line.lineNumber} data-testid="drug-line">
                <Text as="div" size="2">
                  <Text weight="medium">
                    {line.lineNumber}. {line.drugName ?? line.hcpcs}
                  </Text>{" "}
                  {line.hcpcs} · <Text weight="medium">{doseWords(line.doseValue, line.doseUnit, line.doseBasis)}</Text> per dose ({line.unitsPerDose} billing units)
                  {schedule ? ` · ${schedule}` : ""}
                  {line.mappedHcpcs.length ? ` · payer also accepts ${line.mappedHcpcs.join(", ")}` : ""}
                </Text>
                <Text as="div" size="1" color="gray">
                  requested {line.requestedUnits ?? "—"} units / {line.requestedVisits ?? "—"} visits ·{" "}
                  {line.authorizedUnits !== null || line.authorizedVisits !== null
                    ? `authorized ${line.authorizedUnits ?? "—"} units / ${line.authorizedVisits ?? "—"} visits`
                    : "not authorized yet"}
                  {unitType === "visits" ? " (this payer counts visits)" : ""}
                </Text>
              </li>
            );
          })}
        </ol>
      </Flex>
    </Card>
  );
}
