import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Button, Callout, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { CodedClaimView } from "~/components/coded-claim";
import { EncounterForm } from "~/components/encounter-form";
import { databaseHandle } from "~/db.server";
import { encounterAction, encounterRoles, storedClaim } from "~/encounter-screens.server";
import { encounterFormOptions, loadEncounter } from "~/encounters.server";

export const meta: MetaFunction = () => [{ title: "Visit · Infusion PA" }];

const notFound = () => new Response("That visit does not exist, or belongs to another organization.", { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, encounterRoles);
  const encounterId = params.encounterId ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(encounterId)) throw notFound();
  const db = databaseHandle().db;
  const [page, choices] = await Promise.all([loadEncounter(db, { organizationId: user.organizationId, encounterId }), encounterFormOptions(db, { organizationId: user.organizationId })]);
  if (!page) throw notFound();
  return {
    encounter: page.encounter,
    patient: page.patient ? { mrn: page.patient.mrn } : undefined,
    facility: page.facility,
    form: page.form,
    claim: page.claim,
    stored: storedClaim(page),
    choices,
    justSaved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, encounterRoles);
  const encounterId = params.encounterId ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(encounterId)) throw notFound();
  return encounterAction(user.organizationId, await request.formData(), encounterId);
}

const claimColor = { draft: "gray", held: "amber", ready: "blue", released: "green", void: "gray" } as const;

export default function EncounterPage() {
  const { encounter, patient, facility, form, claim, stored, choices, justSaved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitted = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const pending = typeof submitted === "string" ? submitted : undefined;
  const filled = result?.intent === "prefill" && result.filled ? result : undefined;
  const coded = result?.intent === "code" && result.coded ? result : undefined;
  const notice = filled
    ? "Filled from the regimen. Chart the stop times and check the dose, then save."
    : result?.intent === "save" && result.saved
      ? "Saved."
      : coded
        ? `Coded into claim ${coded.result.claimNumber}${coded.result.replacedClaimNumber ? " (the earlier draft was replaced)" : ""}.`
        : justSaved && !result
          ? "Saved. Code the visit when the documentation is complete."
          : undefined;
  return (
    <>
      <PageHeader
        title={`Visit on ${form.dateOfService}`}
        description={`MRN ${patient?.mrn ?? "—"} · ${facility.name} · ${encounter.setting === "facility" ? "facility claim (UB-04)" : "professional claim (CMS-1500)"}${encounter.externalVisitId ? ` · imported as ${encounter.externalVisitId}` : ""}`}
        actions={
          <Flex gap="2" align="center">
            <Badge size="2" color={encounter.status === "coded" ? "blue" : "gray"}>
              {encounter.status}
            </Badge>
            <Button asChild variant="soft" color="gray">
              <Link to={`/encounters?date=${form.dateOfService}`}>Back to visits</Link>
            </Button>
          </Flex>
        }
      />
      <Flex direction="column" gap="5">
        <Card size="3">
          <EncounterForm
            key={filled?.filledAt ?? encounter.id}
            lastResult={filled ? undefined : result?.reply}
            defaultValue={filled?.values ?? form}
            choices={choices}
            pending={pending}
            canCode
            notice={notice}
          />
        </Card>
        {claim ? (
          <section aria-label="Coded claim" id="result">
            <Flex direction="column" gap="3">
              <Flex justify="between" align="center" wrap="wrap" gap="3">
                <Heading as="h2" size="5">
                  Claim {claim.claimNumber}{" "}
                  <Badge color={claimColor[claim.status]} size="2">
                    {claim.status}
                  </Badge>
                </Heading>
                <Button asChild variant="soft">
                  <Link to={`/claims/${coded?.result.claimId ?? claim.id}`}>Open the claim</Link>
                </Button>
              </Flex>
              {claim.status === "draft" ? (
                <Text size="2" color="gray">
                  A draft waits for the release gate: errors block its release and warnings need acknowledging on the claim.
                </Text>
              ) : null}
              {coded ? (
                <CodedClaimView claim={coded.result.claim} reference={coded.result.reference} />
              ) : stored ? (
                <CodedClaimView claim={stored} reference={[]} />
              ) : null}
            </Flex>
          </section>
        ) : encounter.status === "documented" ? (
          <Callout.Root color="gray" variant="surface">
            <Callout.Text>Not coded yet: &ldquo;Code this visit&rdquo; saves what is on the form and codes it into a draft claim.</Callout.Text>
          </Callout.Root>
        ) : null}
      </Flex>
    </>
  );
}
