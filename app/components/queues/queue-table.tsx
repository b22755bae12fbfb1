// A queue's rows: what a coordinator needs to decide what to do next, worked from the keyboard (j/k, Enter, /, x, a).
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "@remix-run/react";
import { Badge, Flex, Table, Text } from "@radix-ui/themes";
import type { AuthorizationStatus } from "~/authorizations/vocabulary";
import { deadlineWords, renewalBandLabels, type QueueSort, type SortKey } from "~/queues";
import { statusLabels } from "~/status-labels";

export interface QueueTableRow {
  id: string;
  caseNumber: string | null;
  status: AuthorizationStatus;
  patientId: string;
  patientFirstName: string;
  patientLastName: string;
  mrn: string;
  payerName: string;
  hcpcs: string | null;
  drugName: string | null;
  doseValue: number | null;
  doseUnit: string | null;
  unitType: string;
  nextDeadlineAt: string | null;
  nextDeadlineKind: string | null;
  authorizedQuantity: number | null;
  requestedQuantity: number | null;
  usedQuantity: number;
  assigneeName: string | null;
  lastEventAt: string;
  renewalBand: number | null;
  unitsRunningOut: boolean;
}

/** A sortable column's header: a link that sorts by it (again: the other way), with aria-sort on the cell. */
export interface SortableColumns {
  sort: QueueSort;
  hrefFor: (sort: QueueSort) => string;
}

function SortHeader({ label, sortKey, sortable, before }: { label: string; sortKey: SortKey; sortable: SortableColumns | undefined; before?: string }) {
  if (!sortable) return <Table.ColumnHeaderCell>{`${before ?? ""}${label}`}</Table.ColumnHeaderCell>;
  const active = sortable.sort.key === sortKey;
  const nextDir = active && sortable.sort.dir === "asc" ? "desc" : "asc";
  return (
    <Table.ColumnHeaderCell aria-sort={active ? (sortable.sort.dir === "asc" ? "ascending" : "descending") : "none"}>
      {before}
      <Link to={sortable.hrefFor({ key: sortKey, dir: nextDir })} style={{ color: "inherit", textDecoration: active ? "underline" : "none" }} data-testid={`sort-${sortKey}`}>
        {label}
        {active ? (sortable.sort.dir === "asc" ? " ↑" : " ↓") : ""}
        <span className="visually-hidden">{`, sort ${nextDir === "asc" ? "ascending" : "descending"}`}</span>
      </Link>
    </Table.ColumnHeaderCell>
  );
}

const dateTime = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "America/New_York" });
const dateOnly = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "America/New_York" });

/** Midnight deadlines (day-based rules) read as a date; others keep their time. */
function formatDeadline(iso: string): string {
  const text = dateTime.format(new Date(iso));
  return text.endsWith("12:00 AM") ? dateOnly.format(new Date(iso)) : text;
}

function UnitsBar({ used, authorized, requested, unitType }: { used: number; authorized: number | null; requested: number | null; unitType: string }) {
  if (authorized === null || authorized === 0) {
    return (
      <Text size="1" color="gray">
        {requested ? `${requested} ${unitType} requested` : "—"}
      </Text>
    );
  }
  const share = Math.min(1, used / authorized);
  const color = share >= 0.9 ? "var(--red-9)" : share >= 0.7 ? "var(--amber-9)" : "var(--accent-9)";
  return (
    <Flex direction="column" gap="1" style={{ minWidth: 84 }}>
      <Text size="1">
        {used} / {authorized} {unitType}
      </Text>
      <div role="meter" aria-label="Units used" aria-valuemin={0} aria-valuemax={authorized} aria-valuenow={used} style={{ height: 6, background: "var(--gray-a4)", borderRadius: 3 }}>
        <div style={{ width: `${share * 100}%`, height: "100%", background: color, borderRadius: 3 }} />
      </div>
    </Flex>
  );
}

export function QueueTable({
  rows,
  now,
  searchInputId,
  onAssignToMe,
  checked,
  onToggle,
  sortable,
}: {
  rows: QueueTableRow[];
  sortable?: SortableColumns;
  now: string;
  searchInputId: string;
  /** `a` takes the checked cases, or the current one when none is checked; absent for people who only read. */
  onAssignToMe?: (caseIds: string[]) => void;
  /** Rows ticked for a bulk assign (`x` toggles the current row). */
  checked?: ReadonlySet<string>;
  onToggle?: (caseId: string) => void;
}) {
  const [selected, setSelected] = useState(0);
  const navigate = useNavigate();
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  // Focus follows a j/k move (so Enter opens the row like any link), but the page never steals focus on load.
  const movedByKey = useRef(false);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const key = event.key;
      if (key === "j" || key === "k") {
        movedByKey.current = true;
        setSelected((i) => (key === "j" ? Math.min(rows.length - 1, i + 1) : Math.max(0, i - 1)));
      } else if (key === "a" && onAssignToMe) {
        const row = rows[selected];
        if (checked && checked.size > 0) onAssignToMe([...checked]);
        else if (row) onAssignToMe([row.id]);
      } else if (key === "x" && onToggle) {
        const row = rows[selected];
        if (row) onToggle(row.id);
      } else if (key === "/") {
        event.preventDefault();
        document.getElementById(searchInputId)?.focus();
        return;
      } else if (key === "Enter" && target?.tagName !== "A" && target?.tagName !== "BUTTON") {
        const row = rows[selected];
        if (row) navigate(`/cases/${row.id}`);
        return;
      } else return;
      event.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [rows, selected, navigate, searchInputId, onAssignToMe, checked, onToggle]);

  useEffect(() => {
    const row = rowRefs.current[selected];
    row?.scrollIntoView({ block: "nearest" });
    if (movedByKey.current) row?.querySelector<HTMLAnchorElement>("a")?.focus({ preventScroll: true });
    movedByKey.current = false;
  }, [selected]);

  const nowMs = Date.parse(now);
  return (
    <Table.Root variant="surface" size="1" aria-label="Cases in this queue">
      <Table.Header>
        <Table.Row>
          {onToggle ? (
            <Table.ColumnHeaderCell>
              <span className="visually-hidden">Select</span>
            </Table.ColumnHeaderCell>
          ) : null}
          <SortHeader label="Patient" sortKey="patient" sortable={sortable} />
          <Table.ColumnHeaderCell>Drug and dose</Table.ColumnHeaderCell>
          <SortHeader label="Payer" sortKey="payer" sortable={sortable} />
          <Table.ColumnHeaderCell>Status</Table.ColumnHeaderCell>
          <SortHeader label="Next deadline" sortKey="deadline" sortable={sortable} />
          <Table.ColumnHeaderCell>Units</Table.ColumnHeaderCell>
          {/* One column for who has the case and when it was last touched: a laptop screen fits the table. */}
          <SortHeader before="Assignee · " label="Last touch" sortKey="last-touch" sortable={sortable} />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row, index) => {
          const overdue = row.nextDeadlineAt !== null && Date.parse(row.nextDeadlineAt) < nowMs;
          const isSelected = index === selected;
          return (
            <Table.Row
              key={row.id}
              ref={(el) => {
                rowRefs.current[index] = el;
              }}
              aria-selected={isSelected}
              data-testid="queue-row"
              onClick={() => setSelected(index)}
              style={isSelected ? { background: "var(--accent-a3)", boxShadow: "inset 3px 0 0 var(--accent-9)" } : undefined}
            >
              {onToggle ? (
                <Table.Cell>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.patientLastName}, ${row.patientFirstName} ${row.caseNumber ?? ""}`.trim()}
                    checked={checked?.has(row.id) ?? false}
                    onChange={() => onToggle(row.id)}
                    data-testid="queue-row-check"
                  />
                </Table.Cell>
              ) : null}
              <Table.RowHeaderCell style={{ minWidth: 128 }}>
                <Link to={`/cases/${row.id}`} style={{ color: "inherit", fontWeight: 500 }} data-testid="queue-row-case">
                  {row.patientLastName}, {row.patientFirstName}
                </Link>
                <Text as="div" size="1" color="gray" style={{ whiteSpace: "nowrap" }}>
                  <Link to={`/patients/${row.patientId}`} aria-label={`Patient page of ${row.patientFirstName} ${row.patientLastName}, MRN ${row.mrn}`} data-testid="queue-row-patient" style={{ color: "inherit" }}>
                    MRN {row.mrn}
                  </Link>
                </Text>
                <Text as="div" size="1" color="gray">
                  {row.caseNumber}
                </Text>
              </Table.RowHeaderCell>
              <Table.Cell>
                <Text as="div">{row.drugName ?? row.hcpcs ?? "—"}</Text>
                {row.doseValue !== null ? (
                  <Text as="div" size="1" color="gray">
                    {row.doseValue} {row.doseUnit} · {row.hcpcs}
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>{row.payerName}</Table.Cell>
              <Table.Cell>
                <Flex direction="column" align="start" gap="1">
                  <Badge color={row.status === "denied" || row.status === "expired" || row.status === "exhausted" ? "red" : row.status === "approved" ? "green" : "gray"}>
                    {statusLabels[row.status]}
                  </Badge>
                  {renewalBandLabels(row).map((band) => (
                    <Badge key={band.label} title={band.title} color={band.units ? "orange" : row.renewalBand !== null && row.renewalBand <= 7 ? "red" : "amber"} variant="soft" data-testid="renewal-band">
                      {band.label}
                    </Badge>
                  ))}
                </Flex>
              </Table.Cell>
              <Table.Cell>
                {row.nextDeadlineAt ? (
                  <>
                    <Text as="div" color={overdue ? "red" : undefined} weight={overdue ? "bold" : undefined} style={{ whiteSpace: "nowrap" }}>
                      {overdue ? "Overdue · " : ""}
                      {formatDeadline(row.nextDeadlineAt)}
                    </Text>
                    <Text as="div" size="1" color={overdue ? "red" : "gray"}>
                      {deadlineWords(row.nextDeadlineKind)}
                    </Text>
                  </>
                ) : (
                  <Text color="gray">No deadline</Text>
                )}
              </Table.Cell>
              <Table.Cell>
                <UnitsBar used={row.usedQuantity} authorized={row.authorizedQuantity} requested={row.requestedQuantity} unitType={row.unitType} />
              </Table.Cell>
              <Table.Cell>
                <Text as="div">{row.assigneeName ?? <Text color="gray">Unassigned</Text>}</Text>
                <Text as="div" size="1" color="gray" style={{ whiteSpace: "nowrap" }}>
                  touched {dateOnly.format(new Date(row.lastEventAt))}
                </Text>
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table.Root>
  );
}
