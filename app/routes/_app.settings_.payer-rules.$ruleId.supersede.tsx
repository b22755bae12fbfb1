import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Flex } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { supersedeRuleFormSchema, valueToForm } from "~/components/settings/rule-form-schema";
import { SupersedeRuleForm } from "~/components/settings/rule-forms";
import { RuleSummary } from "~/components/settings/rule-summary";
import { addDays } from "~/authorizations/calendar";
import { loadRuleForForm, refusalReplyOptions, supersedePayerRule } from "~/payer-rules.server";
import { RULE_KIND_WORDS } from "~/payer-rule-words";

export const meta: MetaFunction = () => [{ title: "New version of a payer rule · Settings · Infusion PA" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const found = await loadRuleForForm(user.organizationId, params.ruleId ?? "", new Date());
  if (!found) throw new Response("That payer rule is not on file in this organization.", { status: 404 });
  const { rule, today } = found;
  // The earliest day a new version can start is the day after the current one started.
  const effectiveFrom = today > rule.effectiveFrom ? today : addDays(rule.effectiveFrom, 1);
  return { ...found, defaultValue: { effectiveFrom, source: rule.source, value: valueToForm(rule.kind, rule.value) } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const found = await loadRuleForForm(user.organizationId, params.ruleId ?? "", new Date());
  if (!found) throw new Response("That payer rule is not on file in this organization.", { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: supersedeRuleFormSchema(found.rule.kind) });
  if (submission.status !== "success") return submission.reply();
  const result = await supersedePayerRule({ organizationId: user.organizationId, userId: user.userId }, found.rule.id, submission.value);
  if (!result.ok) return submission.reply(refusalReplyOptions(result.error));
  throw redirect(`/settings?saved=superseded&rule=${result.ruleId}`);
}

export default function SupersedePayerRule() {
  const { rule, payerName, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={`New version: ${RULE_KIND_WORDS[rule.kind].toLowerCase()}`}
        description={`${payerName}, ${rule.scopeWords.toLowerCase()}. The current version stays in the history and stops the day the new one starts.`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/settings">Back to Settings</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="4">
        <RuleSummary title="Current version" payerName={payerName} rule={rule} />
        <SupersedeRuleForm kind={rule.kind} defaultValue={defaultValue} lastResult={lastResult} pending={navigation.state === "submitting"} />
      </Flex>
    </>
  );
}
