import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Flex, Grid } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { Stat } from "~/components/stat";
import { patientSummary } from "~/overview.server";
import { sectionById } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Patients · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("patients").roles);
  return { summary: await patientSummary(user.organizationId, new Date()) };
}

export default function Patients() {
  const { summary } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Patients" description="Coverages, regimens, authorization cases and upcoming infusions per patient." />
      <Flex direction="column" gap="4">
        <Grid columns={{ initial: "2", sm: "4" }} gap="3">
          <Stat label="Patients" value={summary.patients} />
          <Stat label="Infusions in the next 14 days" value={summary.infusionsNextTwoWeeks} />
        </Grid>
        <EmptyState title={summary.patients === 0 ? "No patients yet" : "Patient pages are on their way"}>
          Each patient will have a page with coverages (member id, priority), regimens, every authorization case (current and past, renewal
          chains linked), upcoming infusions with their coverage status, and the unit ledger per authorization.
        </EmptyState>
      </Flex>
    </>
  );
}
