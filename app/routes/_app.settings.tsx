import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Callout, Flex, Grid, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { PayerRulesCard } from "~/components/settings/payer-rules-card";
import { Stat } from "~/components/stat";
import { deadLetterCount } from "~/deliveries.server";
import { settingsSummary } from "~/overview.server";
import { loadPayerRuleBook } from "~/payer-rules.server";

export const meta: MetaFunction = () => [{ title: "Settings · Infusion PA" }];

const savedWords = { created: "Rule added", superseded: "New version saved", ended: "Rule ended" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const saved = url.searchParams.get("saved");
  const [summary, book, deadLetters] = await Promise.all([settingsSummary(user.organizationId), loadPayerRuleBook(user.organizationId, new Date()), deadLetterCount(user.organizationId)]);
  const changedRuleId = url.searchParams.get("rule") ?? undefined;
  const changed = book.payers.flatMap((p) => [...p.inForce, ...p.history].map((rule) => ({ payer: p.name, rule }))).find((r) => r.rule.id === changedRuleId);
  return {
    summary,
    deadLetters,
    ...book,
    saved: saved === "created" || saved === "superseded" || saved === "ended" ? { what: savedWords[saved], changed } : undefined,
    changedRuleId,
  };
}

export default function Settings() {
  const { summary, payers, today, saved, changedRuleId, deadLetters } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Settings"
        description={`Payer rules as dated data: what is in force today (${today}), what came before and what is scheduled.`}
        actions={
          <Flex gap="2">
            <Button asChild variant="soft" color="gray">
              <Link to="/settings/charge-master">Charge master</Link>
            </Button>
            <Button asChild variant="soft" color="gray">
              <Link to="/settings/email">Email</Link>
            </Button>
            <Button asChild variant="soft" color={deadLetters > 0 ? "red" : "gray"}>
              <Link to="/settings/deliveries">Deliveries{deadLetters > 0 ? ` (${deadLetters} failed)` : ""}</Link>
            </Button>
          </Flex>
        }
      />
      <Flex direction="column" gap="4">
        {deadLetters > 0 ? (
          <Callout.Root color="red" role="alert">
            <Callout.Text>
              {deadLetters} {deadLetters === 1 ? "delivery has" : "deliveries have"} failed every retry. <Link to="/settings/deliveries">Review and retry</Link>.
            </Callout.Text>
          </Callout.Root>
        ) : null}
        {saved ? (
          <Callout.Root color="green" role="status">
            <Callout.Text>
              {saved.what}
              {saved.changed ? `: ${saved.changed.payer}, ${saved.changed.rule.kindWords.toLowerCase()} — ${saved.changed.rule.valueWords} (${saved.changed.rule.effectiveWords}).` : "."}
            </Callout.Text>
          </Callout.Root>
        ) : null}
        <Grid columns={{ initial: "2", sm: "4" }} gap="3">
          <Stat label="Payers" value={summary.payers} />
          <Stat label="Payer rules (dated)" value={summary.payerRules} />
          <Stat label="Facilities" value={summary.facilities} />
          <Stat label="Users" value={summary.users} />
        </Grid>
        <Text as="p" size="2" color="gray">
          A rule applies to the whole payer, one line of business or one plan, optionally for one drug; the most specific one in force wins. A new
          version takes over the day it starts, and the version it replaces stays in the history.
        </Text>
        {payers.length === 0 ? (
          <EmptyState title="No payers yet">Payers and their plans appear here once they are on file; each then gets its dated rules.</EmptyState>
        ) : (
          payers.map((payer) => <PayerRulesCard key={payer.id} payer={payer} highlight={changedRuleId} />)
        )}
      </Flex>
    </>
  );
}
