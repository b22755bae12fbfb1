// The visit documentation form: patient, facility, provider, day, diagnoses and weight, then one card per
// administration (times, route, drug, dose, NDC, vials, waste). One schema validates it here and on the server;
// the server's errors (a drug not in the catalog, a coding error about one field) land on their fields too.
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Button, Callout, Card, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { z } from "zod";
import { ADMINISTRATION_KINDS, ROUTES } from "~/coding/encounter";
import { DOSE_UNITS } from "~/coding/quantity";
import { EncounterFormSchema, type EncounterFormInput } from "~/forms/encounter";
import { CONTAINERS } from "~/forms/visit";
import { CheckboxInput, FieldErrors, Labelled, SelectInput, TextInput } from "./visit-form";

export interface Choice {
  id: string;
  label: string;
}

export interface EncounterFormChoices {
  patients: Choice[];
  facilities: Choice[];
  providers: Choice[];
}

/** Filling from the regimen needs only the patient (and the day); the rest of the form may still be empty. */
const PrefillSchema = z.object({
  patientId: z.string({ error: "Choose the patient whose regimen fills the visit" }),
  dateOfService: z.string().optional(),
});

/** A new row: nothing charted yet, so no times. A time nobody charted must never be billed. */
export function blankAdministration(index: number): EncounterFormInput["administrations"][number] {
  return { id: `a${index + 1}`, kind: "therapeutic", route: "iv-infusion", doseUnit: "mg", container: "catalog" };
}

function ChoiceSelect({ meta, label, choices, placeholder }: { meta: FieldMetadata<unknown>; label: string; choices: Choice[]; placeholder: string }) {
  const { key, ...props } = getSelectProps(meta);
  return (
    <Labelled meta={meta} label={label}>
      <select key={key} {...props} className="native-select">
        <option value="">{placeholder}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

function AdministrationFields({ meta, index, onRemove }: { meta: FieldMetadata<EncounterFormInput["administrations"][number]>; index: number; onRemove?: React.ReactNode }) {
  const f = meta.getFieldset();
  return (
    <Card size="2" asChild>
      <fieldset className="plain-fieldset" aria-labelledby={`${meta.id}-legend`} data-testid="administration">
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
          <TextInput meta={f.drugName} label="Drug name" />
          <TextInput meta={f.ndc} label="NDC" placeholder="57894-0030-01" />
          <TextInput meta={f.doseValue} label="Dose" type="number" />
          <SelectInput meta={f.doseUnit} label="Dose unit" options={DOSE_UNITS} />
          <SelectInput meta={f.container} label="Vial" options={CONTAINERS} />
          <TextInput meta={f.vialSize} label="Vial size" type="number" />
          <TextInput meta={f.vialCount} label="Vials used" type="number" />
          <TextInput meta={f.wasteDocumented} label="Waste" type="number" />
          <TextInput meta={f.accessSite} label="Access site" placeholder="left forearm" />
          <CheckboxInput meta={f.acquired340B} label="Acquired under 340B" />
          <CheckboxInput meta={f.whiteBag} label="White bag (payer-supplied)" />
        </Grid>
      </fieldset>
    </Card>
  );
}

export function EncounterForm({
  lastResult,
  defaultValue,
  choices,
  pending,
  canCode,
  notice,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: EncounterFormInput;
  choices: EncounterFormChoices;
  /** The intent being submitted, to show which button is working. */
  pending: string | undefined;
  /** A stored visit can be coded; a new one is saved first. */
  canCode: boolean;
  notice?: string;
}) {
  const [form, fields] = useForm<EncounterFormInput>({
    id: "encounter-form",
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData, submitter }) => {
      const intent = submitter && "value" in submitter ? submitter.value : undefined;
      // Typed as the form's input: the values are never read here, only whether the submission may go.
      const submission = intent === "prefill" ? parseWithZod(formData, { schema: PrefillSchema }) : parseWithZod(formData, { schema: EncounterFormSchema });
      return submission as unknown as Submission<EncounterFormInput>;
    },
  });
  const administrations = fields.administrations.getFieldList();
  const { key: scheduledKey, ...scheduledProps } = getInputProps(fields.scheduledInfusionId, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} aria-label="Visit documentation">
      <input key={scheduledKey} {...scheduledProps} />
      <Flex direction="column" gap="4">
        {form.errors ? (
          <Callout.Root color="red" role="alert" id={form.errorId}>
            <Callout.Text>{form.errors.join(" ")}</Callout.Text>
          </Callout.Root>
        ) : notice ? (
          <Callout.Root color="green" role="status">
            <Callout.Text>{notice}</Callout.Text>
          </Callout.Root>
        ) : null}
        <Grid columns={{ initial: "1", sm: "2", md: "3" }} gap="3">
          <ChoiceSelect meta={fields.patientId} label="Patient" choices={choices.patients} placeholder="Choose the patient" />
          <ChoiceSelect meta={fields.facilityId} label="Facility" choices={choices.facilities} placeholder="Choose the facility" />
          <ChoiceSelect meta={fields.renderingProviderId} label="Rendering provider" choices={choices.providers} placeholder="Choose the provider" />
          <TextInput meta={fields.dateOfService} label="Date of service" type="date" />
          <TextInput meta={fields.diagnoses} label="Diagnoses (ICD-10-CM)" placeholder="K50.90, K51.00" />
          <TextInput meta={fields.weightKg} label="Weight (kg), for weight-based doses" type="number" />
        </Grid>
        <Flex gap="3" align="center" wrap="wrap">
          <Button type="submit" name="intent" value="prefill" variant="soft" formNoValidate loading={pending === "prefill"}>
            Fill from regimen
          </Button>
          <Text size="1" color="gray">
            Fills the patient&apos;s active regimen: facility, provider, diagnoses, weight and the drug with its dose, NDC and vials. Stop times stay empty for you
            to chart.
          </Text>
        </Flex>
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
          <Button variant="soft" {...form.insert.getButtonProps({ name: fields.administrations.name, defaultValue: blankAdministration(administrations.length) })}>
            Add an administration
          </Button>
          <Flex gap="3">
            <Button type="submit" name="intent" value="save" size="3" variant={canCode ? "soft" : "solid"} loading={pending === "save"}>
              Save
            </Button>
            {canCode ? (
              <Button type="submit" name="intent" value="code" size="3" loading={pending === "code"}>
                Code this visit
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Flex>
    </Form>
  );
}
