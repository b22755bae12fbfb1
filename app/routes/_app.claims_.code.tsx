import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Tabs, Text, TextArea } from "@radix-ui/themes";
import { useState } from "react";
import { requireRole } from "~/auth.server";
import { parseEncounter, parseEncounterJson, type EncounterError } from "~/coding";
import { PageHeader } from "~/components/app-shell";
import { CodedClaimView } from "~/components/coded-claim";
import { VisitForm } from "~/components/visit-form";
import { VisitFormSchema, errorsForForm, exampleVisit, visitToEncounter } from "~/forms/visit";
import { sectionById } from "~/permissions";
import { codeVisit, loadedReferenceFiles } from "~/visit-coding.server";

export const meta: MetaFunction = () => [{ title: "Code a visit · Infusion PA" }];

const roles = sectionById("claims").roles;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, roles);
  const today = new Date().toISOString().slice(0, 10);
  return { today, loadedFiles: await loadedReferenceFiles(user.organizationId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, roles);
  const formData = await request.formData();
  if (formData.get("intent") === "json") {
    const field = formData.get("encounter");
    const json = typeof field === "string" ? field : "";
    const parsed = parseEncounterJson(json);
    if (!parsed.success) return { intent: "json" as const, json, jsonErrors: parsed.errors };
    return { intent: "json" as const, json, ...(await codeVisit(user.organizationId, parsed.encounter)) };
  }
  const submission = parseWithZod(formData, { schema: VisitFormSchema });
  if (submission.status !== "success") return { intent: "form" as const, formResult: submission.reply() };
  const input = visitToEncounter(submission.value);
  const parsed = parseEncounter(input);
  if (!parsed.success) return { intent: "form" as const, formResult: submission.reply(errorsForForm(parsed.errors)) };
  return { intent: "form" as const, formResult: submission.reply(), json: JSON.stringify(input, null, 2), ...(await codeVisit(user.organizationId, parsed.encounter)) };
}

function JsonErrors({ errors }: { errors: EncounterError[] }) {
  return (
    <Callout.Root color="red" role="alert" id="encounter-errors">
      <Callout.Text>The encounter is not valid:</Callout.Text>
      <ul style={{ margin: 0, paddingLeft: "1.25em" }}>
        {errors.map((e, i) => (
          <li key={i}>
            <Text size="2">
              <code>{e.path}</code>: {e.message}
            </Text>
          </li>
        ))}
      </ul>
    </Callout.Root>
  );
}

function JsonInput({ example, json, errors, pending }: { example: string; json: string | undefined; errors: EncounterError[] | undefined; pending: boolean }) {
  const [value, setValue] = useState(json ?? example);
  return (
    <Form method="post" aria-label="Encounter JSON">
      <input type="hidden" name="intent" value="json" />
      <Flex direction="column" gap="3">
        <Text as="label" htmlFor="encounter-json" size="2" weight="medium">
          Encounter JSON (the same input as <code>npx infusion-pa code</code>; see docs/coding.md)
        </Text>
        <TextArea
          id="encounter-json"
          name="encounter"
          className="json-input"
          rows={18}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "encounter-errors" : undefined}
          spellCheck={false}
        />
        {errors ? <JsonErrors errors={errors} /> : null}
        <Flex gap="3" justify="between">
          <Button type="button" variant="soft" color="gray" onClick={() => setValue(example)}>
            Reset to the example
          </Button>
          <Button type="submit" size="3" loading={pending}>
            Code this JSON
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}

export default function CodeVisit() {
  const { today, loadedFiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const example = exampleVisit(today);
  const exampleJson = JSON.stringify(visitToEncounter(example), null, 2);
  const coded = result && "claim" in result ? result : undefined;
  return (
    <>
      <PageHeader
        title="Code a visit"
        description="Enter or paste a documented infusion visit: see the claim lines (code, units, modifiers, NDC), why each was produced, and the findings."
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/claims">Back to claims</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="5">
        <Text size="1" color="gray" data-testid="reference-loaded">
          {loadedFiles.length > 0 ? `CMS files loaded: ${loadedFiles.join(" · ")}` : "No CMS reference files are loaded: units come from the seed drug catalog and edits are not checked."}
        </Text>
        <Card size="3">
          <Tabs.Root defaultValue={result?.intent ?? "form"}>
            <Tabs.List aria-label="How to enter the visit">
              <Tabs.Trigger value="form">Form</Tabs.Trigger>
              <Tabs.Trigger value="json">JSON</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="form" style={{ paddingTop: "var(--space-4)" }}>
              <VisitForm lastResult={result?.intent === "form" ? result.formResult : undefined} defaultValue={example} pending={pending} />
            </Tabs.Content>
            <Tabs.Content value="json" style={{ paddingTop: "var(--space-4)" }}>
              <JsonInput example={exampleJson} json={result && "json" in result ? result.json : undefined} errors={result && "jsonErrors" in result ? result.jsonErrors : undefined} pending={pending} />
            </Tabs.Content>
          </Tabs.Root>
        </Card>
        {coded ? (
          <section aria-label="Coded claim" id="result">
            <CodedClaimView claim={coded.claim} reference={coded.reference} />
          </section>
        ) : null}
      </Flex>
    </>
  );
}
