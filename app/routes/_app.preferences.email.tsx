// My email preferences (every signed-in member): the daily digest (coordinators), which notices to get, and — for a
// clinician — the delegate nurse who receives their emails instead of, or as well as, them.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Box, Button, Callout, Card, Checkbox, Flex, Heading, Text } from "@radix-ui/themes";
import { requireUser } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { DelegateForm, NoticeCheckboxes } from "~/components/email-preferences";
import { tenantTransaction } from "~/db.server";
import { DelegateSchema, MyEmailPreferencesSchema } from "~/email-preferences";
import { myEmailPreferencesPage, providerOfMember, saveMemberPreferences, saveProviderDelegate } from "~/email-preferences.server";

export const meta: MetaFunction = () => [{ title: "My email preferences · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await tenantTransaction(user.organizationId, (tx) => myEmailPreferencesPage(tx, user.organizationId, user.userId));
  return { ...page, isCoordinator: user.roles.includes("coordinator") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "delegate") {
    const submission = parseWithZod(formData, { schema: DelegateSchema });
    if (submission.status !== "success") return { form: "delegate" as const, result: submission.reply() };
    const value = submission.value;
    // Only the provider this member signs as: the form's providerId is not trusted.
    const refused = await tenantTransaction(user.organizationId, async (tx) => {
      const providerId = await providerOfMember(tx, user.userId);
      if (!providerId) return "Only a clinician linked to a provider record can name a delegate.";
      await saveProviderDelegate(tx, user.organizationId, user.userId, providerId, value.delegateMode === "none" ? { delegateMode: "none" } : { delegateMode: value.delegateMode, delegateName: value.delegateName!, delegateEmail: value.delegateEmail! });
      return undefined;
    });
    if (refused) return { form: "delegate" as const, result: submission.reply({ formErrors: [refused] }) };
    return { form: "delegate" as const, result: submission.reply({ resetForm: false }), saved: "Delegate saved." };
  }
  const submission = parseWithZod(formData, { schema: MyEmailPreferencesSchema });
  if (submission.status !== "success") return { form: "preferences" as const, result: submission.reply() };
  await tenantTransaction(user.organizationId, (tx) => saveMemberPreferences(tx, user.organizationId, user.userId, { digest: submission.value.digest === "on", noticesOn: submission.value.noticesOn }));
  return { form: "preferences" as const, result: submission.reply(), saved: "Your email preferences are saved." };
}

const hourLabel = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toLocaleTimeString("en-US", { hour: "numeric", timeZone: "UTC" });

export default function MyEmailPreferences() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  return (
    <>
      <PageHeader title="My email preferences" description="Which emails you get from Infusion PA. Sign-in links you ask for always arrive." />
      <Flex direction="column" gap="4" maxWidth="760px">
        {actionData && "saved" in actionData ? (
          <Callout.Root color="green" role="status">
            <Callout.Text>{actionData.saved}</Callout.Text>
          </Callout.Root>
        ) : null}
        <Card size="3">
          <Form method="post" aria-labelledby="preferences-heading">
            <input type="hidden" name="intent" value="preferences" />
            <Flex direction="column" gap="4">
              <Heading as="h2" size="4" id="preferences-heading">
                Emails I get
              </Heading>
              {!page.customized ? (
                <Text size="2" color="gray">
                  You follow your organization&apos;s defaults. Saving this form makes these choices yours.
                </Text>
              ) : null}
              {page.isCoordinator ? (
                <Text as="label" size="2">
                  <Flex gap="2" align="center">
                    <Checkbox name="digest" value="on" defaultChecked={page.digest} />
                    Daily digest of what is due today, from {hourLabel(page.digestHour)} ({page.timeZone})
                  </Flex>
                </Text>
              ) : (
                <input type="hidden" name="digest" value={page.digest ? "on" : ""} />
              )}
              <NoticeCheckboxes name="noticesOn" checked={page.noticesOn} defaults={page.defaultsOn} />
              <Box>
                <Button type="submit" size="3" loading={pendingIntent === "preferences"}>
                  Save my preferences
                </Button>
              </Box>
            </Flex>
          </Form>
        </Card>
        {page.provider ? (
          <Card size="3">
            <Flex direction="column" gap="3">
              <Heading as="h2" size="4">
                My delegate nurse
              </Heading>
              <Text size="2" color="gray">
                Your delegate receives the emails sent to you as ordering provider ({page.provider.name}) and can answer them through an emailed sign-in link. Your own
                choices above decide only what reaches your inbox.
              </Text>
              <DelegateForm value={page.provider} label="My delegate" lastResult={actionData?.form === "delegate" ? actionData.result : undefined} pending={pendingIntent === "delegate"} />
            </Flex>
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
