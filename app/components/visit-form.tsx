// The visit as a form: setting, date, payer, and each administration with its times and drug (HCPCS, NDC, dose,
// vial size, waste). Conform keeps it validated with the same schema on both sides; engine errors land on fields.
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Box, Button, Callout, Card, Flex, Grid, Heading, Text, TextField } from "@radix-ui/themes";
import { ADMINISTRATION_KINDS, ROUTES } from "~/coding/encounter";
import { PAYER_KINDS } from "~/coding/policy";
import { DOSE_UNITS } from "~/coding/quantity";
import { CONTAINERS, SETTINGS, VisitFormSchema, newAdministration, type VisitAdministration, type VisitForm as VisitFormValue } from "~/forms/visit";

/** Shown labels of the form's choices (the encounter form uses them too). */
export const labels: Record<string, string> = {
  professional: "Professional (CMS-1500)",
  facility: "Facility (UB-04)",
  medicare: "Medicare",
  medicaid: "Medicaid",
  commercial: "Commercial",
  chemotherapy: "Chemotherapy",
  therapeutic: "Therapeutic",
  hydration: "Hydration",
  "iv-infusion": "IV infusion",
  "iv-push": "IV push",
  subcutaneous: "Subcutaneous",
  intramuscular: "Intramuscular",
  "subcutaneous-infusion": "SC infusion",
  "intra-arterial": "Intra-arterial",
  catalog: "Catalog default",
  "single-dose": "Single-dose vial",
  "multi-dose": "Multi-dose vial",
};

export function FieldErrors({ meta }: { meta: FieldMetadata<unknown> }) {
  if (!meta.errors) return null;
  return (
    <Text size="1" color="red" id={meta.errorId} role="alert">
      {meta.errors.join(" ")}
    </Text>
  );
}

export function Labelled({ meta, label, children }: { meta: FieldMetadata<unknown>; label: string; children: React.ReactNode }) {
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="1" weight="medium" htmlFor={meta.id}>
        {label}
      </Text>
      {children}
      <FieldErrors meta={meta} />
    </Flex>
  );
}

export function TextInput({ meta, label, type = "text", placeholder }: { meta: FieldMetadata<unknown>; label: string; type?: "text" | "number" | "date" | "time"; placeholder?: string }) {
  const { key, ...props } = getInputProps(meta, { type });
  return (
    <Labelled meta={meta} label={label}>
      <TextField.Root key={key} {...props} placeholder={placeholder} step={type === "number" ? "any" : undefined} />
    </Labelled>
  );
}

export function SelectInput({ meta, label, options }: { meta: FieldMetadata<unknown>; label: string; options: readonly string[] }) {
  const { key, ...props } = getSelectProps(meta);
  return (
    <Labelled meta={meta} label={label}>
      <select key={key} {...props} className="native-select">
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o] ?? o}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function CheckboxInput({ meta, label }: { meta: FieldMetadata<unknown>; label: string }) {
  const { key, ...props } = getInputProps(meta, { type: "checkbox" });
  return (
    <Flex direction="column" gap="1" justify="end">
      <Text as="label" size="2" className="checkbox-label">
        <input key={key} {...props} className="native-checkbox" /> {label}
      </Text>
      <FieldErrors meta={meta} />
    </Flex>
  );
}

function AdministrationFields({ meta, index, onRemove }: { meta: FieldMetadata<VisitAdministration>; index: number; onRemove?: React.ReactNode }) {
  const f = meta.getFieldset();
  return (
    <Card size="2" asChild>
      <fieldset className="plain-fieldset" aria-labelledby={`${meta.id}-legend`}>
        <Flex justify="between" align="center" mb="3">
          <Heading as="h3" size="3" id={`${meta.id}-legend`}>
            Administration {index + 1}
          </Heading>
          {onRemove}
        </Flex>
        <Grid columns={{ initial: "2", md: "6" }} gap="3">
          <TextInput meta={f.id} label="Id" />
          <SelectInput meta={f.kind} label="What was given" options={ADMINISTRATION_KINDS} />
          <SelectInput meta={f.route} label="Route" options={ROUTES} />
          <TextInput meta={f.start} label="Start time" type="time" />
          <TextInput meta={f.stop} label="Stop time" type="time" />
          <CheckboxInput meta={f.primary} label="Primary reason" />
        </Grid>
        <Text as="p" size="1" color="gray" mt="3" mb="2">
          Drug (leave the HCPCS empty for hydration fluid)
        </Text>
        <Grid columns={{ initial: "2", md: "6" }} gap="3">
          <TextInput meta={f.hcpcs} label="HCPCS" placeholder="J1745" />
          <TextInput meta={f.ndc} label="NDC" placeholder="57894-0030-01" />
          <TextInput meta={f.doseValue} label="Dose" type="number" />
          <SelectInput meta={f.doseUnit} label="Dose unit" options={DOSE_UNITS} />
          <TextInput meta={f.vialSize} label="Vial size" type="number" />
          <TextInput meta={f.wasteDocumented} label="Waste documented" type="number" />
          <TextInput meta={f.drugName} label="Drug name (NOC codes)" />
          <SelectInput meta={f.container} label="Container" options={CONTAINERS} />
          <CheckboxInput meta={f.acquired340B} label="Acquired under 340B" />
          <CheckboxInput meta={f.whiteBag} label="White bag (payer-supplied)" />
        </Grid>
      </fieldset>
    </Card>
  );
}

export function VisitForm({ lastResult, defaultValue, pending }: { lastResult: SubmissionResult<string[]> | undefined; defaultValue: VisitFormValue; pending: boolean }) {
  const [form, fields] = useForm<VisitFormValue>({
    id: "visit-form",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VisitFormSchema }),
  });
  const administrations = fields.administrations.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} aria-label="Visit">
      <input type="hidden" name="intent" value="form" />
      <Flex direction="column" gap="4">
        {form.errors ? (
          <Callout.Root color="red" role="alert" id={form.errorId}>
            <Callout.Text>{form.errors.join(" ")}</Callout.Text>
          </Callout.Root>
        ) : null}
        <Grid columns={{ initial: "2", md: "4" }} gap="3">
          <SelectInput meta={fields.setting} label="Setting" options={SETTINGS} />
          <TextInput meta={fields.dateOfService} label="Date of service" type="date" />
          <SelectInput meta={fields.payerKind} label="Payer" options={PAYER_KINDS} />
          <CheckboxInput meta={fields.program340B} label="Facility in the 340B program" />
        </Grid>
        {administrations.map((administration, index) => (
          <AdministrationFields
            key={administration.key}
            meta={administration}
            index={index}
            onRemove={
              administrations.length > 1 ? (
                <Button variant="ghost" color="gray" {...form.remove.getButtonProps({ name: fields.administrations.name, index })}>
                  Remove
                </Button>
              ) : undefined
            }
          />
        ))}
        <FieldErrors meta={fields.administrations} />
        <Flex gap="3" justify="between" wrap="wrap">
          <Button variant="soft" {...form.insert.getButtonProps({ name: fields.administrations.name, defaultValue: newAdministration(administrations.length) })}>
            Add an administration
          </Button>
          <Box>
            <Button type="submit" size="3" loading={pending}>
              Code this visit
            </Button>
          </Box>
        </Flex>
      </Flex>
    </Form>
  );
}
