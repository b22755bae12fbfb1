// Settings → Email (admins): how the organization's emails look (brand name, accent colour, logo, reply-to), when
// the coordinators' daily digest goes out, which notices are on by default, and each provider's delegate nurse.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Box, Button, Callout, Card, Checkbox, Flex, Grid, Heading, Table, Text, TextField } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { DelegateForm, FieldError, NoticeCheckboxes } from "~/components/email-preferences";
import { tenantTransaction } from "~/db.server";
import { brandFor, contrastWithWhite, DelegateSchema, OrganizationEmailSettingsSchema } from "~/email-preferences";
import { emailSettingsPage, saveEmailSettings, saveProviderDelegate } from "~/email-preferences.server";
import { NOTICE_GROUPS } from "../../emails/types";

export const meta: MetaFunction = () => [{ title: "Email · Settings · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const page = await tenantTransaction(user.organizationId, (tx) => emailSettingsPage(tx, user.organizationId));
  return { ...page, brand: brandFor(page.settings), saved: new URL(request.url).searchParams.get("saved") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const formData = await request.formData();
  if (formData.get("intent") === "delegate") {
    const raw = formData.get("providerId");
    const providerId = typeof raw === "string" && /^[0-9a-f-]{36}$/i.test(raw) ? raw : "";
    if (!providerId) throw new Response("Choose the provider whose delegate to save.", { status: 400 });
    const submission = parseWithZod(formData, { schema: DelegateSchema });
    if (submission.status !== "success") return { form: "delegate" as const, providerId, result: submission.reply() };
    const value = submission.value;
    const saved = await tenantTransaction(user.organizationId, (tx) =>
      saveProviderDelegate(tx, user.organizationId, user.userId, providerId, value.delegateMode === "none" ? { delegateMode: "none" } : { delegateMode: value.delegateMode, delegateName: value.delegateName!, delegateEmail: value.delegateEmail! }),
    );
    if (!saved) return { form: "delegate" as const, providerId, result: submission.reply({ formErrors: ["That provider is not on file in this organization."] }) };
    return { form: "delegate" as const, providerId, result: submission.reply({ resetForm: false }), saved: true };
  }
  const submission = parseWithZod(formData, { schema: OrganizationEmailSettingsSchema });
  if (submission.status !== "success") return { form: "settings" as const, result: submission.reply() };
  const v = submission.value;
  await tenantTransaction(user.organizationId, (tx) =>
    saveEmailSettings(tx, user.organizationId, user.userId, {
      ...(v.brandName ? { brandName: v.brandName } : {}),
      ...(v.accentColor ? { accentColor: v.accentColor } : {}),
      ...(v.logoUrl ? { logoUrl: v.logoUrl } : {}),
      ...(v.replyTo ? { replyTo: v.replyTo } : {}),
      digestDefault: v.digestDefault === "on",
      digestHour: v.digestHour,
      ...(v.timeZone ? { timeZone: v.timeZone } : {}),
      noticesOn: v.noticesOn,
    }),
  );
  return { form: "settings" as const, result: submission.reply(), saved: true };
}

const hours = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toLocaleTimeString("en-US", { hour: "numeric", timeZone: "UTC" });

export default function EmailSettings() {
  const { settings, timeZoneSetting, providers, brand } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const settingsResult = actionData?.form === "settings" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "email-settings",
    lastResult: settingsResult,
    shouldValidate: "onBlur",
    defaultValue: { brandName: settings.brandName ?? "", accentColor: settings.accentColor ?? "", logoUrl: settings.logoUrl ?? "", replyTo: settings.replyTo ?? "", timeZone: timeZoneSetting ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganizationEmailSettingsSchema }),
  });
  const text = (name: "brandName" | "accentColor" | "logoUrl" | "replyTo" | "timeZone", type: "text" | "email" | "url" = "text") => {
    const { key, ...props } = getInputProps(fields[name], { type });
    return <TextField.Root key={key} {...props} />;
  };
  const defaultsOn = NOTICE_GROUPS.filter((g) => !settings.noticesOff.includes(g));
  return (
    <>
      <PageHeader
        title="Email"
        description="How your emails look, when coordinators get their daily digest, which notices are on by default, and who receives each provider's emails."
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/settings">Back to Settings</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="4">
        {actionData && "saved" in actionData && actionData.saved ? (
          <Callout.Root color="green" role="status">
            <Callout.Text>{actionData.form === "settings" ? "Email settings saved. New emails use them from now on." : "Delegate saved."}</Callout.Text>
          </Callout.Root>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="settings" />
          <Flex direction="column" gap="4">
            {form.errors ? (
              <Callout.Root color="red" role="alert" id={form.errorId}>
                <Callout.Text>{form.errors.join(" ")}</Callout.Text>
              </Callout.Root>
            ) : null}
            <Grid columns={{ initial: "1", md: "2" }} gap="4">
              <Card size="3">
                <Flex direction="column" gap="3">
                  <Heading as="h2" size="4">
                    Branding
                  </Heading>
                  <Text as="label" htmlFor={fields.brandName.id} size="2" weight="medium">
                    Name emails are signed with
                  </Text>
                  {text("brandName")}
                  <Text size="1" color="gray">
                    Empty: {settings.organizationName}.
                  </Text>
                  <FieldError id={fields.brandName.errorId} errors={fields.brandName.errors} />
                  <Text as="label" htmlFor={fields.accentColor.id} size="2" weight="medium">
                    Accent colour (#rrggbb)
                  </Text>
                  {text("accentColor")}
                  <Text size="1" color="gray">
                    Buttons carry white text on it, so it must be dark enough (contrast 4.5:1 or more). Now: {brand.accentColor} (contrast {contrastWithWhite(brand.accentColor).toFixed(1)}:1).
                  </Text>
                  <FieldError id={fields.accentColor.errorId} errors={fields.accentColor.errors} />
                  <Text as="label" htmlFor={fields.logoUrl.id} size="2" weight="medium">
                    Logo image (https address, optional)
                  </Text>
                  {text("logoUrl", "url")}
                  <FieldError id={fields.logoUrl.errorId} errors={fields.logoUrl.errors} />
                  <Text as="label" htmlFor={fields.replyTo.id} size="2" weight="medium">
                    Reply-to address (optional)
                  </Text>
                  {text("replyTo", "email")}
                  <FieldError id={fields.replyTo.errorId} errors={fields.replyTo.errors} />
                  <Box p="3" style={{ border: "1px solid var(--gray-a6)", borderRadius: "var(--radius-3)" }} aria-label="Preview">
                    <Text size="1" color="gray" as="p">
                      Preview
                    </Text>
                    <Text size="2" weight="bold" style={{ color: brand.accentColor }}>
                      {brand.name} · Prior authorizations
                    </Text>
                    <Box mt="2">
                      <span style={{ display: "inline-block", background: brand.accentColor, color: "#fff", padding: "6px 12px", borderRadius: 6, fontWeight: 600, fontSize: 14 }}>Attest continued therapy</span>
                    </Box>
                  </Box>
                </Flex>
              </Card>
              <Card size="3">
                <Flex direction="column" gap="3">
                  <Heading as="h2" size="4">
                    Daily digest for coordinators
                  </Heading>
                  <Text as="label" size="2">
                    <Flex gap="2" align="center">
                      <Checkbox name="digestDefault" value="on" defaultChecked={settings.digestDefault} />
                      On unless a coordinator turns it off
                    </Flex>
                  </Text>
                  <Text as="label" htmlFor="digest-hour" size="2" weight="medium">
                    Sent from
                  </Text>
                  <select id="digest-hour" name="digestHour" defaultValue={settings.digestHour} className="native-select" aria-describedby={fields.digestHour.errorId}>
                    {hours.map((h) => (
                      <option key={h} value={h}>
                        {hourLabel(h)}
                      </option>
                    ))}
                  </select>
                  <FieldError id={fields.digestHour.errorId} errors={fields.digestHour.errors} />
                  <Text as="label" htmlFor={fields.timeZone.id} size="2" weight="medium">
                    Time zone
                  </Text>
                  {text("timeZone")}
                  <Text size="1" color="gray">
                    Empty: the first facility&apos;s ({settings.timeZone}). An IANA name such as America/Chicago.
                  </Text>
                  <FieldError id={fields.timeZone.errorId} errors={fields.timeZone.errors} />
                  <Heading as="h2" size="4" mt="3">
                    Notices on by default
                  </Heading>
                  <Text size="1" color="gray">
                    For everyone who has not chosen for themselves, and for delegate nurses. Each person can change theirs under My email preferences.
                  </Text>
                  <NoticeCheckboxes name="noticesOn" checked={defaultsOn} />
                </Flex>
              </Card>
            </Grid>
            <Box>
              <Button type="submit" size="3" loading={pendingIntent === "settings"}>
                Save email settings
              </Button>
            </Box>
          </Flex>
        </Form>
        <Card size="3">
          <Flex direction="column" gap="3">
            <Heading as="h2" size="4" id="delegates-heading">
              Delegate nurses
            </Heading>
            <Text size="2" color="gray">
              A delegate receives the provider&apos;s emails (renewal alerts, information requests, peer-to-peer scheduling, decisions) instead of, or as well as, the provider,
              and can answer them through an emailed sign-in link.
            </Text>
            <Table.Root variant="surface" aria-labelledby="delegates-heading">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>Provider</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>Delegate</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {providers.map((p) => (
                  <Table.Row key={p.providerId}>
                    <Table.RowHeaderCell>
                      <Text weight="medium">{p.name}</Text>
                      <Text as="div" size="1" color="gray">
                        NPI {p.npi} · {p.email ?? "no email on file"}
                      </Text>
                    </Table.RowHeaderCell>
                    <Table.Cell>
                      <DelegateForm
                        value={p}
                        label={`Delegate for ${p.name}`}
                        lastResult={actionData?.form === "delegate" && actionData.providerId === p.providerId ? actionData.result : undefined}
                        pending={pendingIntent === "delegate" && navigation.formData?.get("providerId") === p.providerId}
                      />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
