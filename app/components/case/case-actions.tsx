// The case page's action forms: one Conform form per command, validated by the decider's schema as you type
// and again on the server; the engine's refusal comes back as an inline message and the typed values stay.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Grid, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { DECISION_OUTCOMES, DENIAL_CATEGORIES } from "~/authorizations/commands";
import { SITE_OF_CARE_CRITERIA } from "~/authorizations/site-of-care";
import { ALLOWED_FROM } from "~/authorizations/transitions";
import { SITE_OF_CARE_TYPES, SUBMISSION_CHANNELS, type AuthorizationStatus, type SiteOfCare } from "~/authorizations/vocabulary";
import { UNASSIGNED, caseFormSchema, type CaseFormCommand } from "./case-command-forms";

export interface CaseActionResult {
  intent: CaseFormCommand;
  /** True when the engine recorded the command. */
  saved: boolean;
  reply: SubmissionResult<string[]>;
}

const TITLES: Record<CaseFormCommand, string> = {
  assign: "Assign",
  "add-note": "Add a note",
  submit: "Submit to the payer",
  "record-payer-acknowledgement": "Record payer acknowledgement",
  "pend-for-information": "Payer asked for information",
  "record-decision": "Record the payer's decision",
  "send-information": "Send the requested information",
  cancel: "Cancel the request",
  void: "Void the case",
  "request-p2p": "Request a peer-to-peer review",
  "schedule-p2p": "Schedule the peer-to-peer call",
  "record-p2p-outcome": "Record the peer-to-peer outcome",
  "file-appeal": "File an appeal",
  "record-appeal-decision": "Record the appeal decision",
};

const SUBMIT_WORDS: Record<CaseFormCommand, string> = {
  assign: "Assign",
  "add-note": "Add note",
  submit: "Record submission",
  "record-payer-acknowledgement": "Save reference",
  "pend-for-information": "Record request",
  "record-decision": "Record decision",
  "send-information": "Record what was sent",
  cancel: "Cancel request",
  void: "Void case",
  "request-p2p": "Record request",
  "schedule-p2p": "Save schedule",
  "record-p2p-outcome": "Record outcome",
  "file-appeal": "Record appeal",
  "record-appeal-decision": "Record decision",
};

const SITE_WORDS: Record<SiteOfCare, string> = {
  office: "Physician office",
  ambulatory_infusion_center: "Ambulatory infusion center",
  hopd_on_campus: "Hospital outpatient (on campus)",
  hopd_off_campus: "Hospital outpatient (off campus)",
  home: "Home infusion",
};

const LEVEL_WORDS = [
  ["1", "First level"],
  ["2", "Second level"],
  ["external", "External review"],
] as const;

const CHANNEL_WORDS: Record<string, string> = { portal: "Payer portal", fax: "Fax", phone: "Phone", x12_278: "X12 278", fhir_pas: "FHIR PAS", email: "Email", mail: "Mail" };

const selectStyle = { height: 28, borderRadius: 4, border: "1px solid var(--gray-a7)", padding: "0 6px", background: "var(--color-surface)", color: "var(--gray-12)" };

function Field({ label, name, errors, children }: { label: string; name: string; errors: Record<string, string[] | undefined>; children: ReactNode }) {
  const error = errors[name];
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="1" weight="medium" htmlFor={name}>
        {label}
      </Text>
      {children}
      {error?.length ? (
        <Text size="1" color="red" id={`${name}-error`} role="alert">
          {error.join(" ")}
        </Text>
      ) : null}
    </Flex>
  );
}

function CommandForm({
  type,
  caseId,
  lastResult,
  children,
}: {
  type: CaseFormCommand;
  caseId: string;
  lastResult: CaseActionResult | undefined;
  children: (scope: { id: (name: string) => string; errors: Record<string, string[] | undefined> }) => ReactNode;
}) {
  const navigation = useNavigation();
  const [form] = useForm({
    id: `case-${type}`,
    lastResult: lastResult?.intent === type ? lastResult.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseFormSchema(type, caseId) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === type;
  const errors = form.allErrors as Record<string, string[] | undefined>;
  const id = (name: string) => `${type}-${name}`;
  // Field errors keyed by the field's element id, so each input finds its message.
  const byId = Object.fromEntries(Object.entries(errors).map(([name, list]) => [id(name), list]));
  return (
    <Card size="2">
      <Form method="post" {...getFormProps(form)} aria-labelledby={`${form.id}-title`}>
        <input type="hidden" name="intent" value={type} />
        <Flex direction="column" gap="3">
          <Heading as="h3" size="3" id={`${form.id}-title`}>
            {TITLES[type]}
          </Heading>
          {form.errors?.length ? (
            <Callout.Root color="red" size="1" role="alert">
              <Callout.Text>{form.errors.join(" ")}</Callout.Text>
            </Callout.Root>
          ) : null}
          {lastResult?.intent === type && lastResult.saved && !pending ? (
            <Text size="1" color="green" role="status">
              Saved.
            </Text>
          ) : null}
          {children({ id, errors: byId })}
          <Flex>
            <Button type="submit" size="2" loading={pending}>
              {SUBMIT_WORDS[type]}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Card>
  );
}

/** What every field group inside a CommandForm gets: the field id maker and the errors by field id. */
interface FieldGroupProps {
  id: (name: string) => string;
  errors: Record<string, string[] | undefined>;
}

function ChannelAndProof({ id, errors }: FieldGroupProps) {
  return (
    <Grid columns="2" gap="3">
      <Field label="Channel" name={id("channel")} errors={errors}>
        <select id={id("channel")} name="channel" defaultValue="" style={selectStyle}>
          <option value="">Choose…</option>
          {SUBMISSION_CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {CHANNEL_WORDS[ch] ?? ch}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Proof reference" name={id("proofReference")} errors={errors}>
        <TextField.Root id={id("proofReference")} name="proofReference" placeholder="Fax receipt or portal confirmation" />
      </Field>
    </Grid>
  );
}

/**
 * The terms of an approval: authorization number, effective dates and authorized units per line. Named directly on a
 * decision (`prefix` ""), or under `approval.` when a P2P or appeal overturns a denial.
 */
function ApprovalTerms({ id, errors, lineNumbers, prefix }: FieldGroupProps & { lineNumbers: number[]; prefix: "" | "approval." }) {
  const name = (field: string) => `${prefix}${field}`;
  return (
    <>
      <Field label="Authorization number" name={id(name("authorizationNumber"))} errors={errors}>
        <TextField.Root id={id(name("authorizationNumber"))} name={name("authorizationNumber")} />
      </Field>
      <Field label="Effective from" name={id(name("effectiveFrom"))} errors={errors}>
        <TextField.Root id={id(name("effectiveFrom"))} name={name("effectiveFrom")} type="date" />
      </Field>
      <Field label="Effective to" name={id(name("effectiveTo"))} errors={errors}>
        <TextField.Root id={id(name("effectiveTo"))} name={name("effectiveTo")} type="date" />
      </Field>
      {lineNumbers.map((n, i) => (
        <Field key={n} label={`Line ${n}: authorized units`} name={id(name(`lines[${i}].authorizedUnits`))} errors={errors}>
          <input type="hidden" name={name(`lines[${i}].lineNumber`)} value={n} />
          <TextField.Root id={id(name(`lines[${i}].authorizedUnits`))} name={name(`lines[${i}].authorizedUnits`)} inputMode="decimal" />
        </Field>
      ))}
    </>
  );
}

/** Outcome, reason and — for an overturn — the approval as the payer states it. */
function ReviewOutcomeFields({ id, errors, lineNumbers }: FieldGroupProps & { lineNumbers: number[] }) {
  return (
    <>
      <Field label="Outcome" name={id("outcome")} errors={errors}>
        <select id={id("outcome")} name="outcome" defaultValue="" style={selectStyle}>
          <option value="">Choose…</option>
          <option value="overturned">Overturned (approved)</option>
          <option value="upheld">Upheld (still denied)</option>
        </select>
      </Field>
      <Field label="Reason (required when upheld)" name={id("reason")} errors={errors}>
        <TextArea id={id("reason")} name="reason" rows={2} />
      </Field>
      <Text size="1" color="gray">
        When overturned, the approval:
      </Text>
      <Grid columns="2" gap="3">
        <Field label="Approved as" name={id("approval.outcome")} errors={errors}>
          <select id={id("approval.outcome")} name="approval.outcome" defaultValue="approved" style={selectStyle}>
            <option value="approved">Approved as requested</option>
            <option value="partially_approved">Partially approved</option>
            <option value="modified">Modified</option>
          </select>
        </Field>
        <ApprovalTerms id={id} errors={errors} lineNumbers={lineNumbers} prefix="approval." />
      </Grid>
      {errors[id("approval.lines")]?.length ? (
        <Text size="1" color="red" role="alert">
          {errors[id("approval.lines")]!.join(" ")}
        </Text>
      ) : null}
    </>
  );
}

function LevelField({ id, errors }: FieldGroupProps) {
  return (
    <Field label="Appeal level" name={id("level")} errors={errors}>
      <select id={id("level")} name="level" defaultValue="" style={selectStyle}>
        <option value="">Choose…</option>
        {LEVEL_WORDS.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </Field>
  );
}

export interface CaseActionsProps {
  caseId: string;
  status: AuthorizationStatus;
  assigneeId: string | null;
  members: { id: string; name: string }[];
  lineNumbers: number[];
  /** The site of care the case asks for; a site-of-care appeal argues for it. */
  requestedSiteOfCare: SiteOfCare;
  lastResult: CaseActionResult | undefined;
}

function allowed(type: CaseFormCommand, status: AuthorizationStatus) {
  return ALLOWED_FROM[type].includes(status);
}

export function CaseActions({ caseId, status, assigneeId, members, lineNumbers, requestedSiteOfCare, lastResult }: CaseActionsProps) {
  const common = { caseId, lastResult };
  return (
    <Flex direction="column" gap="3">
      {allowed("add-note", status) ? (
        <CommandForm type="add-note" {...common}>
          {({ id, errors }) => (
            <>
              <Field label="Note" name={id("text")} errors={errors}>
                <TextArea id={id("text")} name="text" rows={3} placeholder="Called Aetna, spoke with Dana; decision expected Friday." />
              </Field>
              <Text as="label" size="2">
                <Flex gap="2" align="center">
                  <input type="checkbox" name="payerContact" /> This was contact with the payer
                </Flex>
              </Text>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("assign", status) ? (
        <CommandForm type="assign" {...common}>
          {({ id, errors }) => (
            <Field label="Assignee" name={id("assigneeId")} errors={errors}>
              <select id={id("assigneeId")} name="assigneeId" defaultValue={assigneeId ?? UNASSIGNED} style={selectStyle}>
                <option value={UNASSIGNED}>Nobody</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </CommandForm>
      ) : null}
      {allowed("submit", status) ? (
        <CommandForm type="submit" {...common}>
          {({ id, errors }) => <ChannelAndProof id={id} errors={errors} />}
        </CommandForm>
      ) : null}
      {allowed("record-payer-acknowledgement", status) ? (
        <CommandForm type="record-payer-acknowledgement" {...common}>
          {({ id, errors }) => (
            <Grid columns="2" gap="3">
              <Field label="Kind of reference" name={id("references[0].kind")} errors={errors}>
                <select id={id("references[0].kind")} name="references[0].kind" defaultValue="payer-reference" style={selectStyle}>
                  <option value="payer-reference">Payer reference</option>
                  <option value="portal-case-id">Portal case id</option>
                  <option value="fax-confirmation">Fax confirmation</option>
                  <option value="call-reference">Call reference</option>
                  <option value="x12-trace">X12 trace</option>
                  <option value="other">Other</option>
                </select>
              </Field>
              <Field label="Reference number" name={id("references[0].value")} errors={errors}>
                <TextField.Root id={id("references[0].value")} name="references[0].value" />
              </Field>
            </Grid>
          )}
        </CommandForm>
      ) : null}
      {allowed("pend-for-information", status) ? (
        <CommandForm type="pend-for-information" {...common}>
          {({ id, errors }) => (
            <>
              <Field label="What the payer asked for (one item per line)" name={id("items")} errors={errors}>
                <TextArea id={id("items")} name="items" rows={3} />
              </Field>
              <Field label="Due on (leave empty for the payer's rule)" name={id("dueOn")} errors={errors}>
                <TextField.Root id={id("dueOn")} name="dueOn" type="date" />
              </Field>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("record-decision", status) ? (
        <CommandForm type="record-decision" {...common}>
          {({ id, errors }) => (
            <>
              <Grid columns="2" gap="3">
                <Field label="Outcome" name={id("outcome")} errors={errors}>
                  <select id={id("outcome")} name="outcome" defaultValue="" style={selectStyle}>
                    <option value="">Choose…</option>
                    {DECISION_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {o.replace(/_/g, " ")}
                      </option>
                    ))}
                  </select>
                </Field>
                <ApprovalTerms id={id} errors={errors} lineNumbers={lineNumbers} prefix="" />
                <Field label="Denial category" name={id("denialCategory")} errors={errors}>
                  <select id={id("denialCategory")} name="denialCategory" defaultValue="" style={selectStyle}>
                    <option value="">—</option>
                    {DENIAL_CATEGORIES.map((d) => (
                      <option key={d} value={d}>
                        {d.replace(/_/g, " ")}
                      </option>
                    ))}
                  </select>
                </Field>
              </Grid>
              <Field label="Payer's reason (required for a denial)" name={id("reason")} errors={errors}>
                <TextArea id={id("reason")} name="reason" rows={2} />
              </Field>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("send-information", status) ? (
        <CommandForm type="send-information" {...common}>
          {({ id, errors }) => (
            <>
              <ChannelAndProof id={id} errors={errors} />
              <Field label="What was sent" name={id("note")} errors={errors}>
                <TextArea id={id("note")} name="note" rows={3} placeholder="Faxed the last 3 months of CRP and the current weight." />
              </Field>
              {errors[id("documentIds")]?.length ? (
                <Text size="1" color="red" id={`${id("documentIds")}-error`} role="alert">
                  {errors[id("documentIds")]!.join(" ")}
                </Text>
              ) : null}
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("request-p2p", status) ? (
        <CommandForm type="request-p2p" {...common}>
          {({ id, errors }) => (
            <>
              <Field label="When the ordering provider can take the call (one window per line)" name={id("callWindows")} errors={errors}>
                <TextArea id={id("callWindows")} name="callWindows" rows={2} placeholder="Tue 12–1 pm" />
              </Field>
              <Field label="Note" name={id("note")} errors={errors}>
                <TextArea id={id("note")} name="note" rows={2} />
              </Field>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("schedule-p2p", status) ? (
        <CommandForm type="schedule-p2p" {...common}>
          {({ id, errors }) => (
            <Grid columns="2" gap="3">
              <Field label="Scheduled for (Eastern time)" name={id("scheduledFor")} errors={errors}>
                <TextField.Root id={id("scheduledFor")} name="scheduledFor" type="datetime-local" />
              </Field>
              <Field label="Payer's reviewer" name={id("reviewer")} errors={errors}>
                <TextField.Root id={id("reviewer")} name="reviewer" />
              </Field>
            </Grid>
          )}
        </CommandForm>
      ) : null}
      {allowed("record-p2p-outcome", status) ? (
        <CommandForm type="record-p2p-outcome" {...common}>
          {({ id, errors }) => <ReviewOutcomeFields id={id} errors={errors} lineNumbers={lineNumbers} />}
        </CommandForm>
      ) : null}
      {allowed("file-appeal", status) ? (
        <CommandForm type="file-appeal" {...common}>
          {({ id, errors }) => (
            <>
              <Grid columns="2" gap="3">
                <LevelField id={id} errors={errors} />
                <Field label="Kind of appeal" name={id("kind")} errors={errors}>
                  <select id={id("kind")} name="kind" defaultValue="medical_necessity" style={selectStyle}>
                    <option value="medical_necessity">Medical necessity</option>
                    <option value="site_of_care">Site of care</option>
                  </select>
                </Field>
              </Grid>
              <ChannelAndProof id={id} errors={errors} />
              <details open={Object.keys(errors).some((name) => name.startsWith(id("siteOfCare"))) || undefined}>
                <summary>
                  <Text size="2" weight="medium">
                    Site-of-care checklist (for a site-of-care appeal)
                  </Text>
                </summary>
                <Flex direction="column" gap="2" mt="2">
                  <Field label="Site of care argued for" name={id("siteOfCare.requestedSite")} errors={errors}>
                    <select id={id("siteOfCare.requestedSite")} name="siteOfCare.requestedSite" defaultValue={requestedSiteOfCare} style={selectStyle}>
                      {SITE_OF_CARE_TYPES.map((site) => (
                        <option key={site} value={site}>
                          {SITE_WORDS[site]}
                        </option>
                      ))}
                    </select>
                  </Field>
                  {errors[id("siteOfCare")]?.length ? (
                    <Text size="1" color="red" role="alert">
                      {errors[id("siteOfCare")]!.join(" ")}
                    </Text>
                  ) : null}
                  {SITE_OF_CARE_CRITERIA.map((criterion, i) => (
                    <Flex key={criterion.number} direction="column" gap="1">
                      <Text as="label" size="2">
                        <Flex gap="2" align="center">
                          <input type="checkbox" name={`siteOfCare.checklist[${i}].met`} /> {criterion.number}. {criterion.label}
                        </Flex>
                      </Text>
                      <Field label={`Evidence for criterion ${criterion.number}`} name={id(`siteOfCare.checklist[${i}].evidence`)} errors={errors}>
                        <TextArea id={id(`siteOfCare.checklist[${i}].evidence`)} name={`siteOfCare.checklist[${i}].evidence[0].description`} rows={1} />
                      </Field>
                    </Flex>
                  ))}
                </Flex>
              </details>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("record-appeal-decision", status) ? (
        <CommandForm type="record-appeal-decision" {...common}>
          {({ id, errors }) => (
            <>
              <LevelField id={id} errors={errors} />
              <ReviewOutcomeFields id={id} errors={errors} lineNumbers={lineNumbers} />
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("cancel", status) ? (
        <CommandForm type="cancel" {...common}>
          {({ id, errors }) => (
            <Field label="Why the request is cancelled" name={id("reason")} errors={errors}>
              <TextArea id={id("reason")} name="reason" rows={2} placeholder="Therapy discontinued by the prescriber." />
            </Field>
          )}
        </CommandForm>
      ) : null}
      {allowed("void", status) ? (
        <CommandForm type="void" {...common}>
          {({ id, errors }) => (
            <Field label="Why the case is void (entered in error)" name={id("reason")} errors={errors}>
              <TextArea id={id("reason")} name="reason" rows={2} />
            </Field>
          )}
        </CommandForm>
      ) : null}
    </Flex>
  );
}
