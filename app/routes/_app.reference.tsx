import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Flex, Grid, Heading, Text, TextField } from "@radix-ui/themes";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { EmptyState } from "~/components/empty-state";
import { ReferenceImportsTable, RejectedByFile, RejectedRows, tableLabel } from "~/components/reference-files";
import { Stat } from "~/components/stat";
import { tenantTransaction } from "~/db.server";
import { referenceSummary } from "~/overview.server";
import { hasAnyRole, sectionById } from "~/permissions";
import { EDIT_TABLES, EDIT_TABLE_LABELS, MAX_UPLOAD_BYTES, REFERENCE_KINDS, REFERENCE_KIND_LABELS, quarterLabel } from "~/reference/reference-file";
import { listReferenceImports } from "~/reference/store.server";
import { handleReferenceUpload, type UploadFieldErrors } from "~/reference-upload.server";

export const meta: MetaFunction = () => [{ title: "Reference data · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("reference").roles);
  const [summary, imports] = await Promise.all([referenceSummary(user.organizationId), tenantTransaction(user.organizationId, (tx) => listReferenceImports(tx))]);
  return {
    summary,
    imports: imports.map((i) => ({ ...i, importedAt: i.importedAt.toISOString() })),
    canUpload: hasAnyRole(user.roles, ["admin"]),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  // Reading is for billers and coordinators too; loading a file changes coding for everyone: administrators only.
  const user = await requireRole(request, ["admin"]);
  return handleReferenceUpload(request, user.userId);
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Text size="1" color="red" id={id} role="alert">
      {message}
    </Text>
  );
}

function UploadForm({ errors, pending }: { errors: UploadFieldErrors; pending: boolean }) {
  const invalid = (field: keyof UploadFieldErrors) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `upload-${field}-error` } : {});
  return (
    <Form method="post" encType="multipart/form-data" aria-label="Upload a CMS file">
      <Grid columns={{ initial: "1", sm: "2", md: "4" }} gap="3" align="start">
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor="upload-kind" size="1" weight="medium">
            Kind of file
          </Text>
          <select id="upload-kind" name="kind" className="native-select" defaultValue="asp" {...invalid("kind")}>
            {REFERENCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {REFERENCE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
          <FieldError id="upload-kind-error" message={errors.kind} />
        </Flex>
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor="upload-table" size="1" weight="medium">
            Table (PTP and MUE)
          </Text>
          <select id="upload-table" name="table" className="native-select" defaultValue="auto" {...invalid("table")}>
            <option value="auto">From the file</option>
            {EDIT_TABLES.map((table) => (
              <option key={table} value={table}>
                {EDIT_TABLE_LABELS[table]}
              </option>
            ))}
          </select>
          <FieldError id="upload-table-error" message={errors.table} />
        </Flex>
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor="upload-quarter" size="1" weight="medium">
            Quarter starts (if the file does not say)
          </Text>
          <TextField.Root id="upload-quarter" name="quarter" type="date" {...invalid("quarter")} />
          <FieldError id="upload-quarter-error" message={errors.quarter} />
        </Flex>
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor="upload-file" size="1" weight="medium">
            File (.csv or .txt, up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB)
          </Text>
          <input id="upload-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" className="file-input" required {...invalid("file")} />
          <FieldError id="upload-file-error" message={errors.file} />
        </Flex>
      </Grid>
      <Flex justify="end" mt="3">
        <Button type="submit" loading={pending}>
          Load the file
        </Button>
      </Flex>
    </Form>
  );
}

export default function Reference() {
  const { summary, imports, canUpload } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const quarters = [...new Set(imports.map((i) => i.effectiveFrom))].sort();
  return (
    <>
      <PageHeader title="Reference data" description="HCPCS drugs, NDC packages and the CMS files the coding engine reads, each quarter kept for its own dates of service." />
      <Flex direction="column" gap="5">
        <Grid columns={{ initial: "2", sm: "4" }} gap="3">
          <Stat label="Drugs (HCPCS)" value={summary.drugs} />
          <Stat label="NDC packages" value={summary.ndcPackages} />
          <Stat label="CMS files loaded" value={imports.length} />
          <Stat label="Latest quarter" value={quarters.length > 0 ? quarterLabel(quarters.at(-1)!) : "—"} />
        </Grid>
        {canUpload ? (
          <Card size="3">
            <Heading as="h2" size="4" mb="1">
              Load a CMS file
            </Heading>
            <Text as="p" size="2" color="gray" mb="3">
              The quarterly ASP pricing file, the ASP NDC–HCPCS crosswalk, NCCI PTP edits or MUE limits, as CMS publishes them (unzipped). Loading a
              quarter again replaces that quarter; a file that fails to load changes nothing.
            </Text>
            <UploadForm errors={result && !result.ok ? result.fieldErrors : {}} pending={navigation.state === "submitting"} />
            {result && !result.ok && result.formError ? (
              <Callout.Root color="red" role="alert" mt="3">
                <Callout.Text>{result.formError}</Callout.Text>
              </Callout.Root>
            ) : null}
            {result?.ok ? (
              <Flex direction="column" gap="3" mt="4" role="status" data-testid="upload-result">
                <Callout.Root color={result.stored.rowsRejected > 0 ? "amber" : "green"}>
                  <Callout.Text>
                    Loaded {REFERENCE_KIND_LABELS[result.stored.kind]}
                    {result.stored.table ? ` (${tableLabel(result.stored.table).toLowerCase()})` : ""} {result.stored.fileName} for {quarterLabel(result.stored.effectiveFrom)}:{" "}
                    {result.stored.rowsLoaded} rows loaded, {result.stored.rowsRejected} rejected
                    {result.stored.replaced ? "; it replaced the earlier import of this quarter" : ""}.
                  </Callout.Text>
                </Callout.Root>
                {result.stored.rowsRejected > 0 ? (
                  <RejectedRows rows={result.stored.rejected} total={result.stored.rowsRejected} caption={`Rejected rows of ${result.stored.fileName}`} />
                ) : null}
              </Flex>
            ) : null}
          </Card>
        ) : null}
        <Flex direction="column" gap="2">
          <Heading as="h2" size="4">
            Loaded files
          </Heading>
          {imports.length > 0 ? (
            <>
              <ReferenceImportsTable imports={imports} />
              <RejectedByFile imports={imports} />
            </>
          ) : (
            <EmptyState title="No CMS files loaded yet">
              Until the quarterly files are loaded, the coding engine takes billing units from its seed drug catalog and does not check NCCI or MUE
              edits. {canUpload ? "Load them above," : "An administrator can load them here,"} or run <code>npx infusion-pa import</code>.
            </EmptyState>
          )}
        </Flex>
      </Flex>
    </>
  );
}
