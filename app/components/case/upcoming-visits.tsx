// "Booked beyond authorization": the upcoming visits of the case's regimen, and for each one the authorization does
// not cover, why (dates, units, site, status, a regimen-change hold…) and the fix — before the visit, not at billing.
import { Link } from "@remix-run/react";
import { Badge, Callout, Card, Flex, Heading, Table, Text } from "@radix-ui/themes";
import { dayWords, withCaseNumbers } from "./format";
import type { CasePageData } from "./types";

const FIELD_WORDS: Record<string, string> = {
  member: "Member",
  payer: "Payer",
  provider: "Provider",
  site: "Site of care",
  hcpcs: "Drug",
  units: "Units",
  dates: "Dates",
  diagnosis: "Diagnosis",
  status: "Status",
  ndc: "NDC",
  weight: "Weight",
};

/** `caseId` is the case the page is about; the patient page passes none, so every covering case is named. */
export function UpcomingVisits({ upcoming, days, caseId, caseNumbers, emptyText }: { upcoming: CasePageData["upcoming"]; days: number; caseId?: string; caseNumbers: Record<string, string>; emptyText?: string }) {
  const uncovered = upcoming.filter((v) => !v.result.covered);
  return (
    <Card size="2">
      <Flex justify="between" align="baseline" mb="3" gap="3" wrap="wrap">
        <Heading as="h2" size="4" id="upcoming-visits-title">
          Upcoming visits
        </Heading>
        <Text size="1" color="gray">
          next {days} days · {upcoming.length} booked · {uncovered.length} not covered
        </Text>
      </Flex>
      {upcoming.length === 0 ? (
        <Text size="2" color="gray">
          {emptyText ?? `No visits of this regimen are booked in the next ${days} days.`}
        </Text>
      ) : (
        <>
          {uncovered.length > 0 ? (
            <Callout.Root color="red" size="1" mb="3" role="alert" data-testid="booked-beyond-warning">
              <Callout.Text>
                {uncovered.length === 1 ? "1 booked visit is" : `${uncovered.length} booked visits are`} not covered by an authorization on file. Fix it before the visit, or the claim
                will be held.
              </Callout.Text>
            </Callout.Root>
          ) : null}
          <Table.Root size="1" aria-labelledby="upcoming-visits-title">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell>Date</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Drug</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Facility</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell>Coverage</Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {upcoming.map((visit) => (
                <Table.Row key={visit.infusionId} data-testid="upcoming-visit" data-covered={visit.result.covered ? "yes" : "no"}>
                  <Table.RowHeaderCell>{dayWords(visit.date)}</Table.RowHeaderCell>
                  <Table.Cell>
                    {visit.drug} {visit.hcpcs}
                    {visit.units !== undefined ? ` · ${visit.units} units` : ""}
                  </Table.Cell>
                  <Table.Cell>{visit.facility}</Table.Cell>
                  <Table.Cell>
                    {visit.result.covered ? (
                      <Badge color="green">
                        Covered
                        {visit.result.caseId && visit.result.caseId !== caseId ? ` by ${caseNumbers[visit.result.caseId] ?? "another case"}` : ""}
                      </Badge>
                    ) : (
                      <Flex direction="column" gap="1">
                        {visit.result.failures.map((failure, i) => (
                          <Text key={i} size="1">
                            <Badge color="red" mr="1">
                              {FIELD_WORDS[failure.field] ?? failure.field}
                            </Badge>
                            {withCaseNumbers(failure.message, caseNumbers)} <Text color="gray">{withCaseNumbers(failure.fix, caseNumbers)}</Text>
                          </Text>
                        ))}
                        {visit.result.caseId && visit.result.caseId !== caseId ? (
                          <Text size="1">
                            Closest authorization: <Link to={`/cases/${visit.result.caseId}`}>{caseNumbers[visit.result.caseId] ?? "another case"}</Link>
                          </Text>
                        ) : null}
                      </Flex>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </>
      )}
    </Card>
  );
}
