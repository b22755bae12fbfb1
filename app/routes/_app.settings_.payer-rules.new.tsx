import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card, Flex, Grid, Heading, Link as ThemeLink, Text } from "@radix-ui/themes";
import { DEFAULT_RULES, PAYER_RULE_KINDS } from "~/authorizations/payer-rules";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { valueToForm, newRuleFormSchema } from "~/components/settings/rule-form-schema";
import { NewRuleForm } from "~/components/settings/rule-forms";
import { createPayerRule, loadPayerForForm, refusalReplyOptions } from "~/payer-rules.server";
import { RULE_KIND_WORDS, ruleKindFrom } from "~/payer-rule-words";

export const meta: MetaFunction = () => [{ title: "Add a payer rule · Settings · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const payer = await loadPayerForForm(user.organizationId, url.searchParams.get("payer") ?? "", new Date());
  if (!payer) throw new Response("That payer is not on file in this organization.", { status: 404 });
  const kind = ruleKindFrom(url.searchParams.get("kind"));
  const fallback = kind && kind in DEFAULT_RULES ? DEFAULT_RULES[kind as keyof typeof DEFAULT_RULES].value : undefined;
  return { payer, kind, defaultValue: { effectiveFrom: payer.today, value: kind ? valueToForm(kind, fallback) : {} } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const formData = await request.formData();
  const kind = ruleKindFrom(formData.get("kind"));
  if (!kind) throw new Response("Choose the kind of rule to add.", { status: 400 });
  const submission = parseWithZod(formData, { schema: newRuleFormSchema(kind) });
  if (submission.status !== "success") return submission.reply();
  const result = await createPayerRule({ organizationId: user.organizationId, userId: user.userId }, submission.value);
  if (!result.ok) return submission.reply(refusalReplyOptions(result.error));
  throw redirect(`/settings?saved=created&rule=${result.ruleId}`);
}

export default function NewPayerRule() {
  const { payer, kind, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={kind ? `Add a ${RULE_KIND_WORDS[kind].toLowerCase()} rule` : "Add a payer rule"}
        description={`${payer.name}: a new dated rule. Only one version of a rule may be in force for the same plans and drug on any day.`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/settings">Back to Settings</Link>
          </Button>
        }
      />
      {kind ? (
        <Flex direction="column" gap="3">
          <Text size="2">
            <ThemeLink asChild>
              <Link to={`/settings/payer-rules/new?payer=${payer.id}`}>Choose another kind of rule</Link>
            </ThemeLink>
          </Text>
          <NewRuleForm key={kind} kind={kind} payerId={payer.id} plans={payer.plans} defaultValue={defaultValue} lastResult={lastResult} pending={navigation.state === "submitting"} />
        </Flex>
      ) : (
        <Card size="3">
          <nav aria-labelledby="kind-heading">
            <Heading as="h2" size="4" mb="3" id="kind-heading">
              Which kind of rule?
            </Heading>
            <Grid columns={{ initial: "1", sm: "2", md: "3" }} gap="2">
              {PAYER_RULE_KINDS.map((k) => (
                <Button key={k} asChild variant="surface" size="3">
                  <Link to={`/settings/payer-rules/new?payer=${payer.id}&kind=${k}`}>{RULE_KIND_WORDS[k]}</Link>
                </Button>
              ))}
            </Grid>
          </nav>
        </Card>
      )}
    </>
  );
}
