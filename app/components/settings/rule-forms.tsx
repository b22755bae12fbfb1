// The three payer-rule forms (add, new version, end). Each validates in the browser with the same schema the
// action uses, so a wrong value is named before the round trip and again if it slips through.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { Button, Card, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import type { PayerRuleKind } from "~/authorizations/payer-rules";
import { LINES_OF_BUSINESS } from "~/authorizations/vocabulary";
import { LINE_OF_BUSINESS_WORDS, RULE_KIND_WORDS } from "~/payer-rule-words";
import { FormErrors, RuleValueFields, SelectInput, TextInput } from "./rule-fields";
import { EndRuleFormSchema, newRuleFormSchema, supersedeRuleFormSchema } from "./rule-form-schema";

type LastResult = SubmissionResult<string[]> | undefined;

function Actions({ submitLabel, pending }: { submitLabel: string; pending: boolean }) {
  return (
    <Flex gap="3" mt="2">
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
      <Button asChild variant="soft" color="gray">
        <Link to="/settings">Cancel</Link>
      </Button>
    </Flex>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card size="2">
      <Heading as="h2" size="3" mb="3">
        {title}
      </Heading>
      {children}
    </Card>
  );
}

export interface NewRuleFormProps {
  kind: PayerRuleKind;
  payerId: string;
  plans: readonly { id: string; name: string; lineOfBusinessWords: string }[];
  defaultValue: { effectiveFrom: string; value: Record<string, string> };
  lastResult: LastResult;
  pending: boolean;
}

export function NewRuleForm({ kind, payerId, plans, defaultValue, lastResult, pending }: NewRuleFormProps) {
  const schema = newRuleFormSchema(kind);
  const [form, fields] = useForm({
    id: `new-rule-${kind}`,
    lastResult,
    defaultValue: { ...defaultValue, payerId, kind },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`New ${RULE_KIND_WORDS[kind].toLowerCase()} rule`}>
      <input type="hidden" name={fields.payerId.name} value={payerId} />
      <input type="hidden" name={fields.kind.name} value={kind} />
      <Flex direction="column" gap="4">
        <FormErrors form={form} />
        <Section title={RULE_KIND_WORDS[kind]}>
          <RuleValueFields kind={kind} meta={fields.value} />
        </Section>
        <Section title="Applies to">
          <Grid columns={{ initial: "1", sm: "3" }} gap="3">
            <SelectInput
              meta={fields.planId}
              label="Plan"
              hint="Leave on “Every plan” for a payer-wide or line-of-business rule."
              options={[{ value: "", label: "Every plan" }, ...plans.map((p) => ({ value: p.id, label: `${p.name} (${p.lineOfBusinessWords})` }))]}
            />
            <SelectInput
              meta={fields.lineOfBusiness}
              label="Line of business"
              options={[{ value: "", label: "Every line of business" }, ...LINES_OF_BUSINESS.map((l) => ({ value: l, label: LINE_OF_BUSINESS_WORDS[l] }))]}
            />
            <TextInput meta={fields.hcpcs} label="Only for drug (HCPCS, optional)" placeholder="J1569" hint="Leave empty for every drug." />
          </Grid>
        </Section>
        <Section title="Dates and source">
          <Grid columns={{ initial: "1", sm: "2" }} gap="3">
            <TextInput meta={fields.effectiveFrom} label="In force from" type="date" />
            <TextInput meta={fields.effectiveTo} label="No longer in force from (optional)" type="date" hint="Leave empty for a rule with no end date." />
          </Grid>
          <Flex direction="column" mt="3">
            <TextInput meta={fields.source} label="Source" placeholder="Payer manual, medical policy number or regulation" />
          </Flex>
        </Section>
        <Actions submitLabel="Add rule" pending={pending} />
      </Flex>
    </Form>
  );
}

export interface SupersedeRuleFormProps {
  kind: PayerRuleKind;
  defaultValue: { effectiveFrom: string; source: string; value: Record<string, string> };
  lastResult: LastResult;
  pending: boolean;
}

export function SupersedeRuleForm({ kind, defaultValue, lastResult, pending }: SupersedeRuleFormProps) {
  const schema = supersedeRuleFormSchema(kind);
  const [form, fields] = useForm({
    id: `supersede-rule-${kind}`,
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`New version of the ${RULE_KIND_WORDS[kind].toLowerCase()} rule`}>
      <Flex direction="column" gap="4">
        <FormErrors form={form} />
        <Section title="New version">
          <Flex direction="column" gap="3">
            <RuleValueFields kind={kind} meta={fields.value} />
            <Grid columns={{ initial: "1", sm: "2" }} gap="3">
              <TextInput meta={fields.effectiveFrom} label="New version in force from" type="date" hint="The current version stops the day before." />
            </Grid>
            <TextInput meta={fields.source} label="Source" placeholder="Payer manual, medical policy number or regulation" />
          </Flex>
        </Section>
        <Actions submitLabel="Save new version" pending={pending} />
      </Flex>
    </Form>
  );
}

export function EndRuleForm({ defaultValue, lastResult, pending }: { defaultValue: { effectiveTo: string }; lastResult: LastResult; pending: boolean }) {
  const [form, fields] = useForm({
    id: "end-rule",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EndRuleFormSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label="End the rule">
      <Flex direction="column" gap="4">
        <FormErrors form={form} />
        <Section title="End this rule">
          <Flex direction="column" gap="3" maxWidth="320px">
            <TextInput meta={fields.effectiveTo} label="No longer in force from" type="date" hint="From this day on, a broader rule or the rule book's fallback applies." />
          </Flex>
          <Text as="p" size="2" color="gray" mt="3">
            The rule stays in the history; nothing is deleted.
          </Text>
        </Section>
        <Actions submitLabel="End rule" pending={pending} />
      </Flex>
    </Form>
  );
}
