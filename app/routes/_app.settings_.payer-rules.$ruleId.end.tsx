import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Flex } from "@radix-ui/themes";
import { addDays } from "~/authorizations/calendar";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EndRuleFormSchema } from "~/components/settings/rule-form-schema";
import { EndRuleForm } from "~/components/settings/rule-forms";
import { RuleSummary } from "~/components/settings/rule-summary";
import { endPayerRule, loadRuleForForm, refusalReplyOptions } from "~/payer-rules.server";
import { RULE_KIND_WORDS } from "~/payer-rule-words";

export const meta: MetaFunction = () => [{ title: "End a payer rule · Settings · Infusion PA" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const found = await loadRuleForForm(user.organizationId, params.ruleId ?? "", new Date());
  if (!found) throw new Response("That payer rule is not on file in this organization.", { status: 404 });
  const { rule, today } = found;
  const effectiveTo = today > rule.effectiveFrom ? today : addDays(rule.effectiveFrom, 1);
  return { ...found, defaultValue: { effectiveTo } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const submission = parseWithZod(await request.formData(), { schema: EndRuleFormSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await endPayerRule({ organizationId: user.organizationId, userId: user.userId }, params.ruleId ?? "", submission.value.effectiveTo);
  if (!result.ok) {
    if (result.error.code === "RULE_NOT_FOUND") throw new Response(result.error.message, { status: 404 });
    return submission.reply(refusalReplyOptions(result.error));
  }
  throw redirect(`/settings?saved=ended&rule=${result.ruleId}`);
}

export default function EndPayerRule() {
  const { rule, payerName, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={`End: ${RULE_KIND_WORDS[rule.kind].toLowerCase()}`}
        description={`${payerName}, ${rule.scopeWords.toLowerCase()}.`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/settings">Back to Settings</Link>
          </Button>
        }
      />
      <Flex direction="column" gap="4">
        <RuleSummary title="The version to end" payerName={payerName} rule={rule} />
        <EndRuleForm defaultValue={defaultValue} lastResult={lastResult} pending={navigation.state === "submitting"} />
      </Flex>
    </>
  );
}
