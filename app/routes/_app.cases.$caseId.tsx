import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, Flex, Grid, Text } from "@radix-ui/themes";
import { COMMAND_ROLES, type Actor, type CaseCommandType, type DomainError } from "~/authorizations";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { CaseActions, DocumentForms, LetterLinks, type CaseActionResult } from "~/components/case/case-actions";
import { caseFormSchema, commandOfIntent, isCaseFormIntent } from "~/components/case/case-command-forms";
import { CaseSummary, DrugLines } from "~/components/case/case-summary";
import { DOCUMENT_MAX_BYTES, sizeWords } from "~/components/case/document-forms";
import { DocumentsCard } from "~/components/case/documents-card";
import { dayWords } from "~/components/case/format";
import { Timeline } from "~/components/case/timeline";
import type { CasePageData } from "~/components/case/types";
import { UpcomingVisits } from "~/components/case/upcoming-visits";
import { UPCOMING_DAYS, isCaseId, loadCasePage, performCaseForm } from "~/case-page.server";
import { CASE_READER_ROLES, hasAnyRole, sectionById, type Role } from "~/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.header.patientLastName}, ${data.header.patientFirstName} · ${data.header.caseNumber} · Infusion PA` : "Case · Infusion PA" },
];

/** Coordinators and administrators act on cases; clinicians read them, and so do billers following a claim hold here. */
const ACTING_ROLES: readonly Role[] = ["admin", "coordinator"];

function caseIdFrom(params: { caseId?: string }): string {
  if (!isCaseId(params.caseId)) throw new Response("There is no case at this address.", { status: 404 });
  return params.caseId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, CASE_READER_ROLES);
  const caseId = caseIdFrom(params);
  const now = new Date();
  const page = await loadCasePage(user.organizationId, caseId, now);
  if (!page) throw new Response("That case is not on file in this organization.", { status: 404 });
  // Single fetch would keep Date objects; the page (and its types) read instants as ISO strings, so send them as such.
  const data = JSON.parse(JSON.stringify(page)) as CasePageData;
  // Billers reach a case from a claim hold: back goes to their claims, and the letters (staff and clinicians) are not theirs.
  const staff = hasAnyRole(user.roles, sectionById("queues").roles);
  const back = staff ? { to: "/queues", label: "Back to queues" } : { to: "/claims", label: "Back to claims" };
  return { ...data, canAct: hasAnyRole(user.roles, ACTING_ROLES), canDraftLetters: staff, back, now: now.toISOString(), upcomingDays: UPCOMING_DAYS };
}

/** The reply for an engine refusal: field problems on their fields, everything else above the form. */
function refusalReply(error: DomainError): { formErrors?: string[]; fieldErrors?: Record<string, string[]> } {
  if (error.issues?.length) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) (fieldErrors[issue.path] ??= []).push(issue.message);
    return { formErrors: [error.message], fieldErrors };
  }
  if (error.field === "document") return { fieldErrors: { document: [error.message] } };
  return { formErrors: [error.message] };
}

/** An upload this large is refused before its body is read (the browser checks first; this is the backstop). */
const MAX_REQUEST_BYTES = DOCUMENT_MAX_BYTES + 1024 * 1024;

export async function action({ request, params }: ActionFunctionArgs): Promise<CaseActionResult> {
  const user = await requireRole(request, ACTING_ROLES);
  const caseId = caseIdFrom(params);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_REQUEST_BYTES) {
    return {
      intent: "upload-document",
      saved: false,
      reply: { status: "error", error: { document: [`The file is too large: documents must be ${sizeWords(DOCUMENT_MAX_BYTES)} or smaller.`] } },
    };
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isCaseFormIntent(intent)) throw new Response("Choose an action for this case.", { status: 400 });
  const submission = parseWithZod(formData, { schema: caseFormSchema(intent, caseId) });
  const hide = intent === "upload-document" ? { hideFields: ["document"] } : {};
  if (submission.status !== "success") return { intent, saved: false, reply: submission.reply(hide) };
  // The role the engine checks: the first of the user's roles the command allows.
  const command: CaseCommandType = commandOfIntent(intent);
  const role = user.roles.find((r) => COMMAND_ROLES[command].includes(r)) ?? user.roles[0]!;
  const actor: Actor = { userId: user.userId, role };
  const result = await performCaseForm(intent, submission.value, { organizationId: user.organizationId, caseId, actor });
  if (!result.ok) return { intent, saved: false, reply: submission.reply({ ...refusalReply(result.error), ...hide }) };
  return {
    intent,
    saved: true,
    reply: submission.reply({ resetForm: true }),
    ...(result.message ? { message: result.message } : {}),
    ...(result.caseId && result.caseId !== caseId ? { openedCaseId: result.caseId } : {}),
  };
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { header, events, members, canAct, canDraftLetters, back, now, documents, upcoming, otherCases } = data;
  const names = Object.fromEntries(members.map((m) => [m.id, m.name]));
  const documentNames = Object.fromEntries(documents.map((d) => [d.id, d.fileName]));
  const caseNumbers: Record<string, string> = {
    ...Object.fromEntries(otherCases.map((c) => [c.id, c.caseNumber])),
    ...Object.fromEntries(data.links.filter((l) => l.caseNumber).map((l) => [l.caseId, l.caseNumber!])),
    [header.id]: header.caseNumber,
  };
  return (
    <>
      <PageHeader
        title={`${header.patientLastName}, ${header.patientFirstName}`}
        description={`${header.caseNumber} · MRN ${header.mrn} · born ${dayWords(header.birthDate)} · ${header.facilityName} · ordered by ${header.providerFirstName} ${header.providerLastName}`}
        actions={
          <Flex gap="2">
            <Button asChild variant="soft">
              <Link to={`/patients/${header.patientId}`} data-testid="case-patient-link">
                Patient page
              </Link>
            </Button>
            <Button asChild variant="soft" color="gray">
              <Link to={back.to}>{back.label}</Link>
            </Button>
          </Flex>
        }
      />
      <Grid columns={{ initial: "1", lg: "3fr 2fr" }} gap="4" align="start">
        <Flex direction="column" gap="4" style={{ minWidth: 0 }}>
          <CaseSummary data={data} now={now} caseNumbers={caseNumbers} />
          <DrugLines lines={data.lines} unitType={header.unitType} />
          <UpcomingVisits upcoming={upcoming} days={data.upcomingDays} caseId={header.id} caseNumbers={caseNumbers} />
          <DocumentsCard documents={documents}>{canAct ? <DocumentForms data={data} lastResult={lastResult} /> : null}</DocumentsCard>
          <Timeline events={events} names={names} documents={documentNames} />
        </Flex>
        <Flex direction="column" gap="3" style={{ minWidth: 0 }}>
          {canAct ? (
            <CaseActions data={data} lastResult={lastResult} />
          ) : (
            <Card>
              <Text size="2" color="gray">
                You can read this case. PA coordinators and administrators record what happens on it.
              </Text>
            </Card>
          )}
          {canDraftLetters ? <LetterLinks caseId={header.id} /> : null}
        </Flex>
      </Grid>
    </>
  );
}
