import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Flex, Grid } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { Stat } from "~/components/stat";
import { referenceSummary } from "~/overview.server";
import { sectionById } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Reference data · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("reference").roles);
  return { summary: await referenceSummary(user.organizationId) };
}

export default function Reference() {
  const { summary } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Reference data" description="HCPCS drugs, NDC packages and the CMS files the coding engine reads." />
      <Flex direction="column" gap="4">
        <Grid columns={{ initial: "2", sm: "4" }} gap="3">
          <Stat label="Drugs (HCPCS)" value={summary.drugs} />
          <Stat label="NDC packages" value={summary.ndcPackages} />
        </Grid>
        <EmptyState title="CMS file imports are on their way">
          The quarterly ASP pricing file, the ASP NDC–HCPCS crosswalk, NCCI procedure-to-procedure edits and MUE limits will be imported
          here, with the rows each import rejected and why.
        </EmptyState>
      </Flex>
    </>
  );
}
