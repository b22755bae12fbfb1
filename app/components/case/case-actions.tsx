// The case page's action forms: one Conform form per command, validated by the decider's schema as you type
// and again on the server; the engine's refusal comes back as an inline message and the typed values stay.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Grid, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { DECISION_OUTCOMES, DENIAL_CATEGORIES } from "~/authorizations/commands";
import { ALLOWED_FROM } from "~/authorizations/transitions";
import { SUBMISSION_CHANNELS, type AuthorizationStatus } from "~/authorizations/vocabulary";
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
};

const SUBMIT_WORDS: Record<CaseFormCommand, string> = {
  assign: "Assign",
  "add-note": "Add note",
  submit: "Record submission",
  "record-payer-acknowledgement": "Save reference",
  "pend-for-information": "Record request",
  "record-decision": "Record decision",
};

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

export interface CaseActionsProps {
  caseId: string;
  status: AuthorizationStatus;
  assigneeId: string | null;
  members: { id: string; name: string }[];
  lineNumbers: number[];
  lastResult: CaseActionResult | undefined;
}

function allowed(type: CaseFormCommand, status: AuthorizationStatus) {
  return ALLOWED_FROM[type].includes(status);
}

export function CaseActions({ caseId, status, assigneeId, members, lineNumbers, lastResult }: CaseActionsProps) {
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
          {({ id, errors }) => (
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
          )}
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
                <Field label="Authorization number" name={id("authorizationNumber")} errors={errors}>
                  <TextField.Root id={id("authorizationNumber")} name="authorizationNumber" />
                </Field>
                <Field label="Effective from" name={id("effectiveFrom")} errors={errors}>
                  <TextField.Root id={id("effectiveFrom")} name="effectiveFrom" type="date" />
                </Field>
                <Field label="Effective to" name={id("effectiveTo")} errors={errors}>
                  <TextField.Root id={id("effectiveTo")} name="effectiveTo" type="date" />
                </Field>
                {lineNumbers.map((n, i) => (
                  <Field key={n} label={`Line ${n}: authorized units`} name={id(`lines[${i}].authorizedUnits`)} errors={errors}>
                    <input type="hidden" name={`lines[${i}].lineNumber`} value={n} />
                    <TextField.Root id={id(`lines[${i}].authorizedUnits`)} name={`lines[${i}].authorizedUnits`} inputMode="decimal" />
                  </Field>
                ))}
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
    </Flex>
  );
}
