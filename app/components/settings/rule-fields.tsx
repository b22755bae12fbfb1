// Labelled form fields for the payer-rule forms: every input has a visible label, a hint when the format is not
// obvious, and its errors beside it (announced, and tied to the input with aria-describedby by Conform).
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Callout, Flex, Grid, Text, TextField } from "@radix-ui/themes";
import type { PayerRuleKind } from "~/authorizations/payer-rules";
import { RULE_VALUE_FIELDS } from "./rule-form-schema";

export function FieldErrors({ meta }: { meta: FieldMetadata<unknown> }) {
  if (!meta.errors) return null;
  return (
    <Text size="1" color="red" id={meta.errorId} role="alert">
      {meta.errors.join(" ")}
    </Text>
  );
}

function Labelled({ meta, label, hint, children }: { meta: FieldMetadata<unknown>; label: string; hint?: string | undefined; children: React.ReactNode }) {
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="2" weight="medium" htmlFor={meta.id}>
        {label}
      </Text>
      {children}
      {hint ? (
        <Text size="1" color="gray" id={meta.descriptionId}>
          {hint}
        </Text>
      ) : null}
      <FieldErrors meta={meta} />
    </Flex>
  );
}

export function TextInput({
  meta,
  label,
  hint,
  type = "text",
  placeholder,
  autoFocus,
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  hint?: string | undefined;
  type?: "text" | "date";
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const { key, ...props } = getInputProps(meta, { type, ariaDescribedBy: hint ? meta.descriptionId : undefined });
  return (
    <Labelled meta={meta} label={label} hint={hint}>
      <TextField.Root key={key} {...props} placeholder={placeholder} autoFocus={autoFocus} />
    </Labelled>
  );
}

/** Numbers are typed as text with a numeric keyboard: the schema, not the browser, explains what is wrong. */
export function NumberInput({ meta, label, hint }: { meta: FieldMetadata<unknown>; label: string; hint?: string | undefined }) {
  const { key, ...props } = getInputProps(meta, { type: "text", ariaDescribedBy: hint ? meta.descriptionId : undefined });
  return (
    <Labelled meta={meta} label={label} hint={hint}>
      <TextField.Root key={key} {...props} inputMode="numeric" />
    </Labelled>
  );
}

export function SelectInput({ meta, label, hint, options }: { meta: FieldMetadata<unknown>; label: string; hint?: string | undefined; options: readonly { value: string; label: string }[] }) {
  const { key, ...props } = getSelectProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined });
  return (
    <Labelled meta={meta} label={label} hint={hint}>
      <select key={key} {...props} className="native-select">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** The kind's own value fields (days, hours, codes, criteria…), from RULE_VALUE_FIELDS. */
export function RuleValueFields({ kind, meta }: { kind: PayerRuleKind; meta: FieldMetadata<Record<string, unknown> | undefined> }) {
  const fields = meta.getFieldset() as Record<string, FieldMetadata<unknown>>;
  return (
    <Grid columns={{ initial: "1", sm: "2" }} gap="3">
      {RULE_VALUE_FIELDS[kind].map((field) => {
        const fieldMeta = fields[field.name]!;
        switch (field.input) {
          case "number":
            return <NumberInput key={field.name} meta={fieldMeta} label={field.label} hint={field.hint} />;
          case "list":
          case "number-list":
            return <TextInput key={field.name} meta={fieldMeta} label={field.label} hint={field.hint} />;
          case "select":
            return <SelectInput key={field.name} meta={fieldMeta} label={field.label} hint={field.hint} options={field.options ?? []} />;
        }
      })}
      <FieldErrors meta={meta} />
    </Grid>
  );
}

/** Errors that belong to the whole form (an overlap, a refusal from the server), announced at the top. */
export function FormErrors({ form }: { form: { errors?: string[] | undefined; errorId: string } }) {
  if (!form.errors) return null;
  return (
    <Callout.Root color="red" role="alert" id={form.errorId}>
      <Callout.Text>{form.errors.join(" ")}</Callout.Text>
    </Callout.Root>
  );
}
