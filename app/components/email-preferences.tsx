// Pieces the two email screens share: the notice-group checkboxes and the delegate-nurse form.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Badge, Box, Button, Checkbox, Flex, Text, TextField } from "@radix-ui/themes";
import { NOTICE_GROUPS, noticeGroups, type NoticeGroup } from "../../emails/types";
import { DelegateSchema } from "~/email-preferences";

export function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors ? (
    <Text size="1" color="red" id={id}>
      {errors.join(" ")}
    </Text>
  ) : null;
}

/** One checkbox per notice group; `defaults` (the organization's) are shown beside each when given. */
export function NoticeCheckboxes({ name, checked, defaults }: { name: string; checked: readonly NoticeGroup[]; defaults?: readonly NoticeGroup[] }) {
  return (
    <Flex direction="column" gap="3" role="group" aria-label="Notices">
      {NOTICE_GROUPS.map((group) => {
        const id = `${name}-${group}`;
        return (
          <Flex key={group} gap="2" align="start">
            <Checkbox id={id} name={name} value={group} defaultChecked={checked.includes(group)} mt="1" aria-describedby={`${id}-description`} />
            <Box>
              <Text as="label" htmlFor={id} size="2" weight="medium">
                {noticeGroups[group].label}
              </Text>
              {defaults ? (
                <Badge size="1" variant="soft" color="gray" ml="2">
                  organization default: {defaults.includes(group) ? "on" : "off"}
                </Badge>
              ) : null}
              <Text as="p" size="1" color="gray" id={`${id}-description`}>
                {noticeGroups[group].description}
              </Text>
            </Box>
          </Flex>
        );
      })}
    </Flex>
  );
}

export interface DelegateFormValue {
  providerId: string;
  delegateName: string | null;
  delegateEmail: string | null;
  delegateMode: "instead" | "also" | null;
}

/** The delegate nurse of one provider: who receives the clinician emails instead of, or as well as, the provider. */
export function DelegateForm({ value, lastResult, pending, label }: { value: DelegateFormValue; lastResult: SubmissionResult<string[]> | null | undefined; pending: boolean; label: string }) {
  const [form, fields] = useForm({
    id: `delegate-${value.providerId}`,
    lastResult,
    shouldValidate: "onBlur",
    defaultValue: { delegateName: value.delegateName ?? "", delegateEmail: value.delegateEmail ?? "", delegateMode: value.delegateMode ?? "none" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DelegateSchema }),
  });
  const { key: nameKey, ...nameProps } = getInputProps(fields.delegateName, { type: "text" });
  const { key: emailKey, ...emailProps } = getInputProps(fields.delegateEmail, { type: "email" });
  const { key: modeKey, ...modeProps } = getSelectProps(fields.delegateMode);
  return (
    <Form method="post" {...getFormProps(form)} aria-label={label}>
      <input type="hidden" name="intent" value="delegate" />
      <input type="hidden" name="providerId" value={value.providerId} />
      {/* Aligned to the top so a field's error appearing or clearing never moves the button under the pointer. */}
      <Flex gap="3" align="start" wrap="wrap">
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor={fields.delegateMode.id} size="1" weight="medium">
            Clinician emails go to
          </Text>
          <select key={modeKey} {...modeProps} className="native-select">
            <option value="none">the provider only</option>
            <option value="also">the provider and the delegate</option>
            <option value="instead">the delegate instead of the provider</option>
          </select>
        </Flex>
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor={fields.delegateName.id} size="1" weight="medium">
            Delegate name
          </Text>
          <TextField.Root key={nameKey} {...nameProps} placeholder="Sam Rivera, RN" />
          <FieldError id={fields.delegateName.errorId} errors={fields.delegateName.errors} />
        </Flex>
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor={fields.delegateEmail.id} size="1" weight="medium">
            Delegate email
          </Text>
          <TextField.Root key={emailKey} {...emailProps} placeholder="nurse@clinic.org" />
          <FieldError id={fields.delegateEmail.errorId} errors={fields.delegateEmail.errors} />
        </Flex>
        <Box pt="5">
          <Button type="submit" variant="soft" loading={pending}>
            Save delegate
          </Button>
        </Box>
      </Flex>
    </Form>
  );
}
