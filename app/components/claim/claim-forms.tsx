// The claim page's three forms. Each is a Conform form over the schema the action parses again (app/forms/claim.ts):
// acknowledge one warning, re-evaluate the claim now, and an admin's override with its reason (errors inline).
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Text, TextArea } from "@radix-ui/themes";
import { AcknowledgeFindingSchema, OverrideHoldsSchema, ReevaluateClaimSchema, type ClaimIntent } from "~/forms/claim";

export interface ClaimActionResult {
  intent: ClaimIntent;
  saved: boolean;
  message?: string;
  /** Which finding the acknowledge form was for, so only that row shows the reply. */
  findingId?: string;
  reply: SubmissionResult<string[]>;
}

function Saved({ result, intent }: { result: ClaimActionResult | undefined; intent: ClaimIntent }) {
  if (!result || result.intent !== intent || !result.saved || !result.message) return null;
  return (
    <Callout.Root color="green" role="status" size="1">
      <Callout.Text>{result.message}</Callout.Text>
    </Callout.Root>
  );
}

function Errors({ errors, id }: { errors: string[] | undefined; id: string }) {
  if (!errors?.length) return null;
  return (
    <Text size="1" color="red" id={id} role="alert">
      {errors.join(" ")}
    </Text>
  );
}

export function AcknowledgeFindingForm({ findingId, rule, lastResult, pending }: { findingId: string; rule: string; lastResult: ClaimActionResult | undefined; pending: boolean }) {
  const mine = lastResult?.intent === "acknowledge-finding" && lastResult.findingId === findingId ? lastResult : undefined;
  const [form, fields] = useForm({
    id: `acknowledge-${findingId}`,
    lastResult: mine?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcknowledgeFindingSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`Acknowledge warning ${rule}`}>
      <input type="hidden" name="intent" value="acknowledge-finding" />
      <input type="hidden" name={fields.findingId.name} value={findingId} />
      <Flex direction="column" gap="1" align="start">
        <Button type="submit" size="1" variant="soft" loading={pending}>
          Acknowledge
        </Button>
        <Errors errors={[...(form.errors ?? []), ...(fields.findingId.errors ?? [])]} id={form.errorId} />
      </Flex>
    </Form>
  );
}

export function ReevaluateForm({ lastResult, pending }: { lastResult: ClaimActionResult | undefined; pending: boolean }) {
  const [form] = useForm({
    id: "reevaluate",
    lastResult: lastResult?.intent === "reevaluate" ? lastResult.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReevaluateClaimSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label="Re-evaluate the claim now">
      <input type="hidden" name="intent" value="reevaluate" />
      <Flex direction="column" gap="2">
        <Button type="submit" loading={pending}>
          Re-evaluate now
        </Button>
        <Errors errors={form.errors} id={form.errorId} />
        <Saved result={lastResult} intent="reevaluate" />
      </Flex>
    </Form>
  );
}

export function OverrideHoldsForm({ lastResult, pending, holdCount }: { lastResult: ClaimActionResult | undefined; pending: boolean; holdCount: number }) {
  const [form, fields] = useForm({
    id: "override-holds",
    lastResult: lastResult?.intent === "override-holds" ? lastResult.reply : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OverrideHoldsSchema }),
  });
  const { key, ...reasonProps } = getTextareaProps(fields.reason, { ariaDescribedBy: fields.reason.descriptionId });
  return (
    <Card>
      <Form method="post" {...getFormProps(form)} aria-label="Override the holds">
        <input type="hidden" name="intent" value="override-holds" />
        <Flex direction="column" gap="2">
          <Heading as="h2" size="3">
            Override {holdCount === 1 ? "the hold" : `${holdCount} holds`}
          </Heading>
          <Text size="2" color="gray" id={fields.reason.descriptionId}>
            Administrators only. Releases the claim without passing the gate; the ledger is not deducted. Your name and the reason go on the claim's history.
          </Text>
          <Text as="label" size="2" weight="medium" htmlFor={fields.reason.id}>
            Reason for the override
          </Text>
          <TextArea key={key} {...reasonProps} rows={3} />
          <Errors errors={fields.reason.errors} id={fields.reason.errorId} />
          <Errors errors={form.errors} id={form.errorId} />
          <Button type="submit" color="red" variant="soft" loading={pending}>
            Override and release
          </Button>
          <Saved result={lastResult} intent="override-holds" />
        </Flex>
      </Form>
    </Card>
  );
}
