// One Conform form per case-page action: validated by the decider's schema as you type and again on the server;
// the engine's refusal comes back as an inline message above the form and the typed values stay.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { Box, Button, Callout, Card, Flex, Heading, Text } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { caseFormSchema, type CaseFormIntent } from "./case-command-forms";

export interface CaseActionResult {
  intent: CaseFormIntent;
  /** True when the engine recorded the command. */
  saved: boolean;
  reply: SubmissionResult<string[]>;
  /** What the form says after saving ("Renewal PA-000123 opened"). */
  message?: string;
  /** A case the action opened (a renewal), for a link next to the message. */
  openedCaseId?: string;
}

export const TITLES: Record<CaseFormIntent, string> = {
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
  "record-regimen-change": "Record a regimen change",
  "attach-document": "Attach a document from the patient's file",
  "mark-duplicate": "Mark as a duplicate",
  supersede: "Mark superseded by another case",
  "start-renewal": "Start the renewal",
  "upload-document": "Upload a document",
  "sync-ledger": "Recount units from the unit ledger",
};

const SUBMIT_WORDS: Record<CaseFormIntent, string> = {
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
  "record-regimen-change": "Record regimen change",
  "attach-document": "Attach document",
  "mark-duplicate": "Mark duplicate",
  supersede: "Mark superseded",
  "start-renewal": "Open the renewal request",
  "upload-document": "Upload and attach",
  "sync-ledger": "Recount units",
};

export function Field({ label, name, errors, hint, children }: { label: string; name: string; errors: Record<string, string[] | undefined>; hint?: ReactNode; children: ReactNode }) {
  const error = errors[name];
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="1" weight="medium" htmlFor={name}>
        {label}
      </Text>
      {children}
      {hint ? (
        <Text size="1" color="gray" id={`${name}-hint`}>
          {hint}
        </Text>
      ) : null}
      {error?.length ? (
        <Text size="1" color="red" id={`${name}-error`} role="alert">
          {error.join(" ")}
        </Text>
      ) : null}
    </Flex>
  );
}

/** A message for a field group without one input of its own (a list of lines, a checklist). */
export function GroupError({ errors, name }: { errors: Record<string, string[] | undefined>; name: string }) {
  const error = errors[name];
  return error?.length ? (
    <Text size="1" color="red" role="alert">
      {error.join(" ")}
    </Text>
  ) : null;
}

/** What every field group inside a CommandForm gets: the field id maker and the errors by field id. */
export interface FieldGroupProps {
  id: (name: string) => string;
  errors: Record<string, string[] | undefined>;
}

export function CommandForm({
  type,
  caseId,
  lastResult,
  children,
  description,
  multipart = false,
  bare = false,
  defaultValue,
}: {
  type: CaseFormIntent;
  caseId: string;
  lastResult: CaseActionResult | undefined;
  children: (scope: FieldGroupProps) => ReactNode;
  description?: ReactNode;
  /** File inputs: the form posts multipart/form-data. */
  multipart?: boolean;
  /** Inside another card: no card of its own. */
  bare?: boolean;
  /** Values the form starts from and returns to after a save (selects with a preset choice). */
  defaultValue?: Record<string, string>;
}) {
  const navigation = useNavigation();
  const [form] = useForm({
    id: `case-${type}`,
    ...(defaultValue ? { defaultValue } : {}),
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
  const saved = lastResult?.intent === type && lastResult.saved && !pending;
  const body = (
    <Form method="post" {...getFormProps(form)} aria-labelledby={`${form.id}-title`} {...(multipart ? { encType: "multipart/form-data" } : {})}>
      <input type="hidden" name="intent" value={type} />
      <Flex direction="column" gap="3">
        <Heading as="h3" size="3" id={`${form.id}-title`}>
          {TITLES[type]}
        </Heading>
        {description ? (
          <Text size="1" color="gray">
            {description}
          </Text>
        ) : null}
        {form.errors?.length ? (
          <Callout.Root color="red" size="1" role="alert">
            <Callout.Text>{form.errors.join(" ")}</Callout.Text>
          </Callout.Root>
        ) : null}
        {saved ? (
          <Text size="1" color="green" role="status">
            {lastResult.message ?? "Saved."}
            {lastResult.openedCaseId ? (
              <>
                {" "}
                <Link to={`/cases/${lastResult.openedCaseId}`}>Open it</Link>
              </>
            ) : null}
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
  );
  return bare ? <Box pt="3" style={{ borderTop: "1px solid var(--gray-a5)" }}>{body}</Box> : <Card size="2">{body}</Card>;
}
