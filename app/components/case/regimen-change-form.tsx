// The regimen change form: drug (biosimilar switch included), dose, interval, site and start date, with what the
// change does worked out as you type — by the decider's own pure rules (regimenChangeImpact): which changes the
// authorization still covers, which booked visits and claims go on hold, and the revised request it drafts.
import { parseWithZod } from "@conform-to/zod/v4";
import { Badge, Box, Callout, Flex, Grid, Text, TextField } from "@radix-ui/themes";
import { useCallback, useEffect, useRef, useState } from "react";
import { regimenChangeImpact, type RegimenChangeImpact, type RegimenLine } from "~/authorizations";
import { unitsForDose } from "~/authorizations/units";
import { BILLING_UNITS, DOSE_BASES, ROUTES, SITE_OF_CARE_TYPES } from "~/authorizations/vocabulary";
import { siteOfCareLabels } from "~/status-labels";
import { caseFormSchema } from "./case-command-forms";
import { Field, type FieldGroupProps } from "./command-form";
import { dayWords, doseWords, ROUTE_SHORT } from "./format";
import type { CasePageData } from "./types";

const BASIS_WORDS = { fixed: "fixed dose", per_kg: "per kg of body weight", per_m2: "per m² of body surface" } as const;

export interface RegimenChangeContext {
  caseId: string;
  state: CasePageData["state"];
  affected: CasePageData["affected"];
  drugs: CasePageData["drugs"];
  body: CasePageData["body"];
  today: string;
}

function unitsHint(context: RegimenChangeContext, form: FormData): { units?: number; message: string } | undefined {
  const drug = context.drugs.find((d) => d.hcpcs === form.get("newRegimen.hcpcs"));
  const dose = Number(form.get("newRegimen.dose.value"));
  const unit = form.get("newRegimen.dose.unit") as (typeof BILLING_UNITS)[number];
  const basis = form.get("newRegimen.dose.basis") as (typeof DOSE_BASES)[number];
  if (!drug || !(dose > 0)) return undefined;
  const result = unitsForDose({ dose, unit, basis, ...(context.body ? { weightKg: context.body.weightKg, ...(context.body.bsa ? { bsa: context.body.bsa } : {}) } : {}) }, drug);
  if (!result.ok) return { message: result.error.message };
  const body = basis === "per_kg" && context.body ? ` at ${context.body.weightKg} kg (${dayWords(context.body.measuredOn)})` : basis === "per_m2" && context.body?.bsa ? ` at ${context.body.bsa} m²` : "";
  return { units: result.units, message: `${result.amount.value} ${result.amount.unit}${body} is ${result.units} billing units of ${drug.billingUnitQuantity} ${drug.billingUnit}.` };
}

function Preview({ impact, context }: { impact: RegimenChangeImpact; context: RegimenChangeContext }) {
  const labels = Object.fromEntries(context.affected.map((a) => [`${a.kind}:${a.id}`, a.label]));
  if (impact.changes.length === 0) {
    return (
      <Text size="1" color="gray" role="status">
        Change a field to see what the change does to this authorization.
      </Text>
    );
  }
  const revised = impact.revisedRequest;
  return (
    <Box data-testid="regimen-change-preview" role="status" aria-live="polite">
      <Callout.Root color={impact.covered ? "green" : "amber"} size="1">
        <Callout.Text>
          <Text weight="bold" as="span" style={{ display: "block" }}>
            {impact.covered ? "The current authorization still covers the new regimen." : "The current authorization does not cover the new regimen."}
          </Text>
          {impact.changes.map((change, i) => (
            <Text as="span" size="1" key={i} style={{ display: "block" }}>
              <Badge color={change.covered ? "green" : "red"} mr="1">
                {change.covered ? "covered" : "not covered"}
              </Badge>
              {change.message}
            </Text>
          ))}
        </Callout.Text>
      </Callout.Root>
      {!impact.covered ? (
        <Flex direction="column" gap="2" mt="2">
          <Text size="1" weight="medium">
            Goes on hold until the revised request is approved ({impact.onHold.length}):
          </Text>
          {impact.onHold.length ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {impact.onHold.map((item) => (
                <li key={`${item.kind}:${item.id}`}>
                  <Text size="1">
                    {dayWords(item.on)}: {labels[`${item.kind}:${item.id}`] ?? item.kind.replace("_", " ")}
                  </Text>
                </li>
              ))}
            </ul>
          ) : (
            <Text size="1" color="gray">
              No booked visit or open claim falls on or after the change.
            </Text>
          )}
          {revised ? (
            <>
              <Text size="1" weight="medium">
                Drafts a revised request (X12 UM02 S), opened as its own case and linked here:
              </Text>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {(revised.lines ?? []).map((line, i) => (
                  <li key={i}>
                    <Text size="1">
                      {line.hcpcs} {doseWords(line.dose.value, line.dose.unit, line.dose.basis ?? "fixed")} · {line.unitsPerDose} units per dose · {line.administrations} administrations
                    </Text>
                  </li>
                ))}
              </ul>
              <Text size="1">
                Requested {dayWords(revised.requestedFrom)} to {dayWords(revised.requestedTo)}
                {revised.requestedSiteOfCare ? ` at ${siteOfCareLabels[revised.requestedSiteOfCare].toLowerCase()}` : ""}.
              </Text>
            </>
          ) : null}
        </Flex>
      ) : null}
    </Box>
  );
}

export function RegimenChangeFields({ id, errors, context }: FieldGroupProps & { context: RegimenChangeContext }) {
  const { state } = context;
  const root = useRef<HTMLDivElement>(null);
  const unitsInput = useRef<HTMLInputElement>(null);
  const [impact, setImpact] = useState<RegimenChangeImpact | undefined>();
  const [hint, setHint] = useState<string | undefined>();
  const first = state.lines[0]!;
  const nextVisit = context.affected.find((a) => a.kind === "scheduled_visit")?.on;

  const recompute = useCallback(
    (changed?: EventTarget) => {
      const form = root.current?.closest("form");
      if (!form) return;
      let data = new FormData(form);
      const name = changed instanceof HTMLElement ? changed.getAttribute("name") : null;
      const units = unitsHint(context, data);
      setHint(units?.message);
      // Units per dose follow the drug and dose until someone types their own.
      if (units?.units !== undefined && unitsInput.current && unitsInput.current.dataset.typed !== "yes" && name !== "newRegimen.unitsPerDose") {
        unitsInput.current.value = String(units.units);
        data = new FormData(form);
      }
      const submission = parseWithZod(data, { schema: caseFormSchema("record-regimen-change", context.caseId) });
      if (submission.status !== "success") return setImpact(undefined);
      const newRegimen = (submission.value as { newRegimen: RegimenLine }).newRegimen;
      const drug = context.drugs.find((d) => d.hcpcs === newRegimen.hcpcs);
      const withReference = drug?.referenceHcpcs ? { ...newRegimen, referenceHcpcs: drug.referenceHcpcs } : newRegimen;
      setImpact(regimenChangeImpact(state, withReference, { revisedCaseId: "(new case)", affected: context.affected.map(({ kind, id, on }) => ({ kind, id, on })) }));
    },
    [context, state],
  );
  useEffect(() => recompute(), [recompute]);

  return (
    <div ref={root} onChange={(e) => recompute(e.target)} onInput={(e) => recompute(e.target)}>
      <Flex direction="column" gap="3">
        <Grid columns="2" gap="3">
          {state.lines.length > 1 ? (
            <Field label="Line it changes" name={id("newRegimen.lineNumber")} errors={errors}>
              <select id={id("newRegimen.lineNumber")} name="newRegimen.lineNumber" defaultValue={first.lineNumber} className="native-select">
                {state.lines.map((l) => (
                  <option key={l.lineNumber} value={l.lineNumber}>
                    Line {l.lineNumber}: {l.hcpcs}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <input type="hidden" name="newRegimen.lineNumber" value={first.lineNumber} />
          )}
          <Field label="Drug (a biosimilar switch too)" name={id("newRegimen.hcpcs")} errors={errors}>
            <select id={id("newRegimen.hcpcs")} name="newRegimen.hcpcs" defaultValue={first.hcpcs} className="native-select">
              {context.drugs.map((d) => (
                <option key={d.hcpcs} value={d.hcpcs}>
                  {d.shortName}
                  {d.brandName ? ` (${d.brandName})` : ""} {d.hcpcs}
                  {d.referenceHcpcs ? ` · biosimilar of ${d.referenceHcpcs}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Dose" name={id("newRegimen.dose.value")} errors={errors}>
            <TextField.Root id={id("newRegimen.dose.value")} name="newRegimen.dose.value" inputMode="decimal" defaultValue={String(first.dose.value)} />
          </Field>
          <Field label="Dose unit" name={id("newRegimen.dose.unit")} errors={errors}>
            <select id={id("newRegimen.dose.unit")} name="newRegimen.dose.unit" defaultValue={first.dose.unit} className="native-select">
              {BILLING_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Dose basis" name={id("newRegimen.dose.basis")} errors={errors}>
            <select id={id("newRegimen.dose.basis")} name="newRegimen.dose.basis" defaultValue={first.dose.basis} className="native-select">
              {DOSE_BASES.map((b) => (
                <option key={b} value={b}>
                  {BASIS_WORDS[b]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Billing units per dose" name={id("newRegimen.unitsPerDose")} errors={errors} hint={hint}>
            <TextField.Root
              ref={unitsInput}
              id={id("newRegimen.unitsPerDose")}
              name="newRegimen.unitsPerDose"
              inputMode="decimal"
              defaultValue={String(first.unitsPerDose)}
              onInput={(e) => (e.currentTarget.dataset.typed = "yes")}
            />
          </Field>
          <Field label="Days between doses" name={id("newRegimen.intervalDays")} errors={errors}>
            <TextField.Root id={id("newRegimen.intervalDays")} name="newRegimen.intervalDays" inputMode="numeric" defaultValue={String(first.intervalDays ?? 0)} />
          </Field>
          <Field label="Administrations still planned" name={id("newRegimen.administrations")} errors={errors}>
            <TextField.Root id={id("newRegimen.administrations")} name="newRegimen.administrations" inputMode="numeric" defaultValue={String(first.administrations)} />
          </Field>
          <Field label="Route" name={id("newRegimen.route")} errors={errors}>
            <select id={id("newRegimen.route")} name="newRegimen.route" defaultValue={first.route ?? "iv_infusion"} className="native-select">
              {ROUTES.map((r) => (
                <option key={r} value={r}>
                  {ROUTE_SHORT[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Site of care" name={id("newRegimen.siteOfCare")} errors={errors}>
            <select id={id("newRegimen.siteOfCare")} name="newRegimen.siteOfCare" defaultValue={state.authorization?.siteOfCare ?? state.requested.siteOfCare} className="native-select">
              {SITE_OF_CARE_TYPES.map((site) => (
                <option key={site} value={site}>
                  {siteOfCareLabels[site]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="First dose under the new regimen" name={id("newRegimen.effectiveFrom")} errors={errors}>
            <TextField.Root id={id("newRegimen.effectiveFrom")} name="newRegimen.effectiveFrom" type="date" defaultValue={nextVisit ?? context.today} />
          </Field>
        </Grid>
        {impact ? <Preview impact={impact} context={context} /> : null}
      </Flex>
    </div>
  );
}
