import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { blankAdministration, EncounterForm } from "~/components/encounter-form";
import { databaseHandle } from "~/db.server";
import { encounterAction, encounterRoles, todayInOrganization } from "~/encounter-screens.server";
import { encounterFormOptions } from "~/encounters.server";
import type { EncounterFormInput } from "~/forms/encounter";

export const meta: MetaFunction = () => [{ title: "Document a visit · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, encounterRoles);
  const choices = await encounterFormOptions(databaseHandle().db, { organizationId: user.organizationId });
  const asked = new URL(request.url).searchParams.get("patientId") ?? "";
  const patientId = choices.patients.some((p) => p.id === asked) ? asked : "";
  const defaultValue: EncounterFormInput = { patientId, facilityId: "", renderingProviderId: "", dateOfService: todayInOrganization(), diagnoses: "", administrations: [blankAdministration(0)] };
  return { choices, defaultValue };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, encounterRoles);
  const result = await encounterAction(user.organizationId, await request.formData());
  // Saved (or saved and coded): the visit has its own page from now on.
  if ((result.intent === "save" && result.saved) || (result.intent === "code" && result.coded)) throw redirect(`/encounters/${result.encounterId}?saved=1`);
  return result;
}

export default function NewEncounter() {
  const { choices, defaultValue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitted = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const pending = typeof submitted === "string" ? submitted : undefined;
  const filled = result?.intent === "prefill" && result.filled ? result : undefined;
  return (
    <>
      <PageHeader
        title="Document a visit"
        description="Chart the infusion visit as given: who, where and when, and each administration with its times, drug, dose, NDC, vials and waste."
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to="/encounters">Back to visits</Link>
          </Button>
        }
      />
      <Card size="3">
        <EncounterForm
          key={filled?.filledAt ?? "new"}
          lastResult={filled ? undefined : result?.reply}
          defaultValue={filled?.values ?? defaultValue}
          choices={choices}
          pending={pending}
          canCode={false}
          notice={filled ? "Filled from the regimen. Chart the stop times and check the dose, then save." : undefined}
        />
      </Card>
    </>
  );
}
