// The case page's action forms: one Conform form per command the case's status allows (ALLOWED_FROM), the rare
// ones under "More actions". Each is validated by the decider's schema as you type and again on the server.
import { Button, Card, Flex, Grid, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import { Link } from "@remix-run/react";
import { DECISION_OUTCOMES, DENIAL_CATEGORIES } from "~/authorizations/commands";
import { SITE_OF_CARE_CRITERIA } from "~/authorizations/site-of-care";
import { ALLOWED_FROM } from "~/authorizations/transitions";
import { SUBMISSION_CHANNELS, SITE_OF_CARE_TYPES, type AuthorizationStatus } from "~/authorizations/vocabulary";
import { renewalDefaults } from "~/case-drafts";
import { siteOfCareLabels, statusLabels } from "~/status-labels";
import { UNASSIGNED, commandOfIntent, type CaseFormIntent } from "./case-command-forms";
import { CommandForm, Field, GroupError, type CaseActionResult, type FieldGroupProps } from "./command-form";
import { DOCUMENT_KINDS, documentKindWords } from "./document-forms";
import { dayWords, CASE_TIME_ZONE_LABEL } from "./format";
import { RegimenChangeFields } from "./regimen-change-form";
import type { CasePageData } from "./types";

export type { CaseActionResult } from "./command-form";

const LEVEL_WORDS = [
  ["1", "First level"],
  ["2", "Second level"],
  ["external", "External review"],
] as const;

const CHANNEL_WORDS: Record<string, string> = { portal: "Payer portal", fax: "Fax", phone: "Phone", x12_278: "X12 278", fhir_pas: "FHIR PAS", email: "Email", mail: "Mail" };

function ChannelAndProof({ id, errors }: FieldGroupProps) {
  return (
    <Grid columns="2" gap="3">
      <Field label="Channel" name={id("channel")} errors={errors}>
        <select id={id("channel")} name="channel" defaultValue="" className="native-select">
          <option value="">Choose…</option>
          {SUBMISSION_CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {CHANNEL_WORDS[ch] ?? ch}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Proof reference" name={id("proofReference")} errors={errors}>
        <TextField.Root id={id("proofReference")} name="proofReference" placeholder="Fax receipt or portal confirmation" />
      </Field>
    </Grid>
  );
}

/**
 * The terms of an approval: authorization number, effective dates and authorized units per line. Named directly on a
 * decision (`prefix` ""), or under `approval.` when a P2P or appeal overturns a denial.
 */
function ApprovalTerms({ id, errors, lineNumbers, prefix }: FieldGroupProps & { lineNumbers: number[]; prefix: "" | "approval." }) {
  const name = (field: string) => `${prefix}${field}`;
  return (
    <>
      <Field label="Authorization number" name={id(name("authorizationNumber"))} errors={errors}>
        <TextField.Root id={id(name("authorizationNumber"))} name={name("authorizationNumber")} />
      </Field>
      <Field label="Effective from" name={id(name("effectiveFrom"))} errors={errors}>
        <TextField.Root id={id(name("effectiveFrom"))} name={name("effectiveFrom")} type="date" />
      </Field>
      <Field label="Effective to" name={id(name("effectiveTo"))} errors={errors}>
        <TextField.Root id={id(name("effectiveTo"))} name={name("effectiveTo")} type="date" />
      </Field>
      {lineNumbers.map((n, i) => (
        <Field key={n} label={`Line ${n}: authorized units`} name={id(name(`lines[${i}].authorizedUnits`))} errors={errors}>
          <input type="hidden" name={name(`lines[${i}].lineNumber`)} value={n} />
          <TextField.Root id={id(name(`lines[${i}].authorizedUnits`))} name={name(`lines[${i}].authorizedUnits`)} inputMode="decimal" />
        </Field>
      ))}
    </>
  );
}

/** Outcome, reason and — for an overturn — the approval as the payer states it. */
function ReviewOutcomeFields({ id, errors, lineNumbers }: FieldGroupProps & { lineNumbers: number[] }) {
  return (
    <>
      <Field label="Outcome" name={id("outcome")} errors={errors}>
        <select id={id("outcome")} name="outcome" defaultValue="" className="native-select">
          <option value="">Choose…</option>
          <option value="overturned">Overturned (approved)</option>
          <option value="upheld">Upheld (still denied)</option>
        </select>
      </Field>
      <Field label="Reason (required when upheld)" name={id("reason")} errors={errors}>
        <TextArea id={id("reason")} name="reason" rows={2} />
      </Field>
      <Text size="1" color="gray">
        When overturned, the approval:
      </Text>
      <Grid columns="2" gap="3">
        <Field label="Approved as" name={id("approval.outcome")} errors={errors}>
          <select id={id("approval.outcome")} name="approval.outcome" defaultValue="approved" className="native-select">
            <option value="approved">Approved as requested</option>
            <option value="partially_approved">Partially approved</option>
            <option value="modified">Modified</option>
          </select>
        </Field>
        <ApprovalTerms id={id} errors={errors} lineNumbers={lineNumbers} prefix="approval." />
      </Grid>
      <GroupError errors={errors} name={id("approval.lines")} />
    </>
  );
}

/** The level select, preset to the level the case is at (the one to file next, or the one pending). */
function LevelField({ id, errors, level }: FieldGroupProps & { level?: number | "external" | undefined }) {
  return (
    <Field label="Appeal level" name={id("level")} errors={errors}>
      <select id={id("level")} name="level" defaultValue={level === undefined ? "" : String(level)} className="native-select">
        <option value="">Choose…</option>
        {LEVEL_WORDS.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </Field>
  );
}

export interface CaseActionsProps {
  data: CasePageData;
  lastResult: CaseActionResult | undefined;
}

function allowed(type: CaseFormIntent, status: AuthorizationStatus) {
  return ALLOWED_FROM[commandOfIntent(type)].includes(status);
}

/** A select of the patient's other cases, by number, status and kind. */
function CaseChoice({ name, id, errors, label, cases }: FieldGroupProps & { name: string; label: string; cases: CasePageData["otherCases"] }) {
  return (
    <Field label={label} name={id(name)} errors={errors}>
      <select id={id(name)} name={name} defaultValue="" className="native-select">
        <option value="">Choose…</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.caseNumber} · {statusLabels[c.status]} · {c.certificationType} from {dayWords(c.requestedFrom)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function KindChoice({ id, errors, defaultValue = "clinical-note" }: FieldGroupProps & { defaultValue?: string }) {
  return (
    <Field label="Kind of document" name={id("kind")} errors={errors}>
      <select id={id("kind")} name="kind" defaultValue={defaultValue} className="native-select">
        {DOCUMENT_KINDS.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </Field>
  );
}

function RequestedByPayer() {
  return (
    <Text as="label" size="2" className="checkbox-label">
      <input type="checkbox" name="requestedByPayer" className="native-checkbox" /> The payer asked for this document
    </Text>
  );
}

/** Upload (and, when the patient's file has documents not on this case, attach one): shown in the documents card. */
export function DocumentForms({ data, lastResult }: CaseActionsProps) {
  const { header, attachable } = data;
  const caseId = header.id;
  if (!allowed("upload-document", header.status)) return null;
  return (
    <>
      <CommandForm type="upload-document" caseId={caseId} lastResult={lastResult} multipart bare defaultValue={{ kind: "clinical-note" }} description="PDF, PNG, JPEG or TIFF, up to 25 MB. It is attached to the case and shows on the timeline.">
        {({ id, errors }) => (
          <>
            <Field label="File" name={id("document")} errors={errors}>
              <input id={id("document")} name="document" type="file" accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff" className="file-input" />
            </Field>
            <Grid columns={{ initial: "1", sm: "2" }} gap="3" align="end">
              <KindChoice id={id} errors={errors} />
              <RequestedByPayer />
            </Grid>
          </>
        )}
      </CommandForm>
      {attachable.length > 0 ? (
        <CommandForm type="attach-document" caseId={caseId} lastResult={lastResult} bare defaultValue={{ kind: "clinical-note" }} description="A document already in the patient's file, for example one uploaded on an earlier case.">
          {({ id, errors }) => (
            <>
              <Field label="Document" name={id("documentId")} errors={errors}>
                <select id={id("documentId")} name="documentId" defaultValue="" className="native-select">
                  <option value="">Choose…</option>
                  {attachable.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.fileName} · {documentKindWords(d.kind)} · {dayWords(d.createdAt)}
                    </option>
                  ))}
                </select>
              </Field>
              <Grid columns={{ initial: "1", sm: "2" }} gap="3" align="end">
                <KindChoice id={id} errors={errors} />
                <Field label={`Sent to the payer (${CASE_TIME_ZONE_LABEL}, optional)`} name={id("sentAt")} errors={errors}>
                  <TextField.Root id={id("sentAt")} name="sentAt" type="datetime-local" />
                </Field>
              </Grid>
              <RequestedByPayer />
            </>
          )}
        </CommandForm>
      ) : null}
    </>
  );
}

function StartRenewalForm({ data, lastResult }: CaseActionsProps) {
  const defaults = renewalDefaults(data.state);
  return (
    <CommandForm
      type="start-renewal"
      caseId={data.header.id}
      lastResult={lastResult}
      description="Opens the renewal request as its own case (certification type renewal), drafted from this one and linked to it. Adjust the dates and doses first."
    >
      {({ id, errors }) => (
        <>
          <Grid columns="2" gap="3">
            <Field label="Requested from" name={id("requestedFrom")} errors={errors}>
              <TextField.Root id={id("requestedFrom")} name="requestedFrom" type="date" defaultValue={defaults.requestedFrom} />
            </Field>
            <Field label="Requested to" name={id("requestedTo")} errors={errors}>
              <TextField.Root id={id("requestedTo")} name="requestedTo" type="date" defaultValue={defaults.requestedTo} />
            </Field>
            {defaults.lines.map((line, i) => (
              <Field key={line.lineNumber} label={`Line ${line.lineNumber}: administrations`} name={id(`lines[${i}].administrations`)} errors={errors}>
                <input type="hidden" name={`lines[${i}].lineNumber`} value={line.lineNumber} />
                <TextField.Root id={id(`lines[${i}].administrations`)} name={`lines[${i}].administrations`} inputMode="numeric" defaultValue={String(line.administrations)} />
              </Field>
            ))}
          </Grid>
        </>
      )}
    </CommandForm>
  );
}

/** The rarely used actions, folded away so the ones the status calls for come first. */
function MoreActions({ data, lastResult }: CaseActionsProps) {
  const { header, otherCases } = data;
  const status = header.status;
  const caseId = header.id;
  const common = { caseId, lastResult };
  const candidates = otherCases.filter((c) => c.status !== "voided" && c.status !== "duplicate");
  const more = (["sync-ledger", "mark-duplicate", "supersede", "cancel", "void"] as const).filter((t) => allowed(t, status) && (t !== "sync-ledger" || data.state.authorization));
  if (more.length === 0) return null;
  const open = more.includes(lastResult?.intent as (typeof more)[number]) || undefined;
  return (
    <Card size="2">
      <details open={open}>
        <summary>
          <Heading as="h3" size="3" style={{ display: "inline" }}>
            More actions
          </Heading>
        </summary>
        <Flex direction="column" gap="3" mt="3">
          {more.includes("sync-ledger") ? (
            <CommandForm type="sync-ledger" {...common} bare description="Rebuilds the unit ledger from the schedule, documented administrations and billed claims, and updates the units used.">
              {() => null}
            </CommandForm>
          ) : null}
          {more.includes("mark-duplicate") ? (
            <CommandForm type="mark-duplicate" {...common} bare description="This request was opened twice; work on the original.">
              {({ id, errors }) => <CaseChoice name="duplicateOfCaseId" label="The original case" id={id} errors={errors} cases={candidates} />}
            </CommandForm>
          ) : null}
          {more.includes("supersede") ? (
            <CommandForm type="supersede" {...common} bare description="Usually recorded by itself when the renewal or revised request is approved.">
              {({ id, errors }) => (
                <Grid columns="2" gap="3">
                  <CaseChoice name="successorCaseId" label="The case that replaces it" id={id} errors={errors} cases={candidates} />
                  <Field label="From (first day the other case covers)" name={id("from")} errors={errors}>
                    <TextField.Root id={id("from")} name="from" type="date" />
                  </Field>
                  <Field label="Because of" name={id("reason")} errors={errors}>
                    <select id={id("reason")} name="reason" defaultValue="renewal" className="native-select">
                      <option value="renewal">A renewal</option>
                      <option value="revision">A revised request</option>
                    </select>
                  </Field>
                </Grid>
              )}
            </CommandForm>
          ) : null}
          {more.includes("cancel") ? (
            <CommandForm type="cancel" {...common} bare>
              {({ id, errors }) => (
                <Field label="Why the request is cancelled" name={id("reason")} errors={errors}>
                  <TextArea id={id("reason")} name="reason" rows={2} placeholder="Therapy discontinued by the prescriber." />
                </Field>
              )}
            </CommandForm>
          ) : null}
          {more.includes("void") ? (
            <CommandForm type="void" {...common} bare>
              {({ id, errors }) => (
                <Field label="Why the case is void (entered in error)" name={id("reason")} errors={errors}>
                  <TextArea id={id("reason")} name="reason" rows={2} />
                </Field>
              )}
            </CommandForm>
          ) : null}
        </Flex>
      </details>
    </Card>
  );
}

/** Links to the letter editor: drafted from the case, edited, then downloaded or saved to the case as a PDF. */
export function LetterLinks({ caseId }: { caseId: string }) {
  return (
    <Card size="2">
      <Heading as="h3" size="3" mb="2">
        Letters
      </Heading>
      <Text as="p" size="1" color="gray" mb="3">
        Drafted from the case (patient, drug, diagnosis, payer, denial, site-of-care criteria and evidence, documents); you edit the text, then download it as
        a PDF or save it to the case.
      </Text>
      <Flex gap="2" wrap="wrap">
        <Button asChild variant="soft">
          <Link to={`/cases/${caseId}/letters/site-of-care`}>Site-of-care letter</Link>
        </Button>
        <Button asChild variant="soft">
          <Link to={`/cases/${caseId}/letters/medical-necessity`}>Medical-necessity appeal</Link>
        </Button>
      </Flex>
    </Card>
  );
}

export function CaseActions({ data, lastResult }: CaseActionsProps) {
  const { header, members, lines, state } = data;
  const caseId = header.id;
  const status = header.status;
  const assigneeId = header.assigneeId;
  const lineNumbers = lines.map((l) => l.lineNumber);
  const requestedSiteOfCare = header.requestedSiteOfCare;
  const common = { caseId, lastResult };
  const renewalOpen = state.links.successorCaseId !== undefined;
  return (
    <Flex direction="column" gap="3">
      {allowed("add-note", status) ? (
        <CommandForm type="add-note" {...common}>
          {({ id, errors }) => (
            <>
              <Field label="Note" name={id("text")} errors={errors}>
                <TextArea id={id("text")} name="text" rows={3} placeholder="Called Aetna, spoke with Dana; decision expected Friday." />
              </Field>
              <Text as="label" size="2">
                <Flex gap="2" align="center">
                  <input type="checkbox" name="payerContact" /> This was contact with the payer
                </Flex>
              </Text>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("assign", status) ? (
        <CommandForm type="assign" {...common}>
          {({ id, errors }) => (
            <Field label="Assignee" name={id("assigneeId")} errors={errors}>
              <select id={id("assigneeId")} name="assigneeId" defaultValue={assigneeId ?? UNASSIGNED} className="native-select">
                <option value={UNASSIGNED}>Nobody</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </CommandForm>
      ) : null}
      {allowed("submit", status) ? (
        <CommandForm type="submit" {...common}>
          {({ id, errors }) => <ChannelAndProof id={id} errors={errors} />}
        </CommandForm>
      ) : null}
      {allowed("record-payer-acknowledgement", status) ? (
        <CommandForm type="record-payer-acknowledgement" {...common}>
          {({ id, errors }) => (
            <Grid columns="2" gap="3">
              <Field label="Kind of reference" name={id("references[0].kind")} errors={errors}>
                <select id={id("references[0].kind")} name="references[0].kind" defaultValue="payer-reference" className="native-select">
                  <option value="payer-reference">Payer reference</option>
                  <option value="portal-case-id">Portal case id</option>
                  <option value="fax-confirmation">Fax confirmation</option>
                  <option value="call-reference">Call reference</option>
                  <option value="x12-trace">X12 trace</option>
                  <option value="other">Other</option>
                </select>
              </Field>
              <Field label="Reference number" name={id("references[0].value")} errors={errors}>
                <TextField.Root id={id("references[0].value")} name="references[0].value" />
              </Field>
            </Grid>
          )}
        </CommandForm>
      ) : null}
      {allowed("pend-for-information", status) ? (
        <CommandForm type="pend-for-information" {...common}>
          {({ id, errors }) => (
            <>
              <Field label="What the payer asked for (one item per line)" name={id("items")} errors={errors}>
                <TextArea id={id("items")} name="items" rows={3} />
              </Field>
              <Field label="Due on (leave empty for the payer's rule)" name={id("dueOn")} errors={errors}>
                <TextField.Root id={id("dueOn")} name="dueOn" type="date" />
              </Field>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("record-decision", status) ? (
        <CommandForm type="record-decision" {...common}>
          {({ id, errors }) => (
            <>
              <Grid columns="2" gap="3">
                <Field label="Outcome" name={id("outcome")} errors={errors}>
                  <select id={id("outcome")} name="outcome" defaultValue="" className="native-select">
                    <option value="">Choose…</option>
                    {DECISION_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {o.replace(/_/g, " ")}
                      </option>
                    ))}
                  </select>
                </Field>
                <ApprovalTerms id={id} errors={errors} lineNumbers={lineNumbers} prefix="" />
                <Field label="Denial category" name={id("denialCategory")} errors={errors}>
                  <select id={id("denialCategory")} name="denialCategory" defaultValue="" className="native-select">
                    <option value="">—</option>
                    {DENIAL_CATEGORIES.map((d) => (
                      <option key={d} value={d}>
                        {d.replace(/_/g, " ")}
                      </option>
                    ))}
                  </select>
                </Field>
              </Grid>
              <Field label="Payer's reason (required for a denial)" name={id("reason")} errors={errors}>
                <TextArea id={id("reason")} name="reason" rows={2} />
              </Field>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("send-information", status) ? (
        <CommandForm type="send-information" {...common}>
          {({ id, errors }) => (
            <>
              <ChannelAndProof id={id} errors={errors} />
              <Field label="What was sent" name={id("note")} errors={errors}>
                <TextArea id={id("note")} name="note" rows={3} placeholder="Faxed the last 3 months of CRP and the current weight." />
              </Field>
              {errors[id("documentIds")]?.length ? (
                <Text size="1" color="red" id={`${id("documentIds")}-error`} role="alert">
                  {errors[id("documentIds")]!.join(" ")}
                </Text>
              ) : null}
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("request-p2p", status) ? (
        <CommandForm type="request-p2p" {...common}>
          {({ id, errors }) => (
            <>
              <Field label="When the ordering provider can take the call (one window per line)" name={id("callWindows")} errors={errors}>
                <TextArea id={id("callWindows")} name="callWindows" rows={2} placeholder="Tue 12–1 pm" />
              </Field>
              <Field label="Note" name={id("note")} errors={errors}>
                <TextArea id={id("note")} name="note" rows={2} />
              </Field>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("schedule-p2p", status) ? (
        <CommandForm type="schedule-p2p" {...common}>
          {({ id, errors }) => (
            <Grid columns="2" gap="3">
              <Field label="Scheduled for (Eastern time)" name={id("scheduledFor")} errors={errors}>
                <TextField.Root id={id("scheduledFor")} name="scheduledFor" type="datetime-local" />
              </Field>
              <Field label="Payer's reviewer" name={id("reviewer")} errors={errors}>
                <TextField.Root id={id("reviewer")} name="reviewer" />
              </Field>
            </Grid>
          )}
        </CommandForm>
      ) : null}
      {allowed("record-p2p-outcome", status) ? (
        <CommandForm type="record-p2p-outcome" {...common}>
          {({ id, errors }) => <ReviewOutcomeFields id={id} errors={errors} lineNumbers={lineNumbers} />}
        </CommandForm>
      ) : null}
      {allowed("file-appeal", status) ? (
        <CommandForm type="file-appeal" {...common}>
          {({ id, errors }) => (
            <>
              <Grid columns="2" gap="3">
                <LevelField id={id} errors={errors} level={data.appealLevels[0]} />
                <Field label="Kind of appeal" name={id("kind")} errors={errors}>
                  <select id={id("kind")} name="kind" defaultValue="medical_necessity" className="native-select">
                    <option value="medical_necessity">Medical necessity</option>
                    <option value="site_of_care">Site of care</option>
                  </select>
                </Field>
              </Grid>
              <ChannelAndProof id={id} errors={errors} />
              <details open={Object.keys(errors).some((name) => name.startsWith(id("siteOfCare"))) || undefined}>
                <summary>
                  <Text size="2" weight="medium">
                    Site-of-care checklist (for a site-of-care appeal)
                  </Text>
                </summary>
                <Flex direction="column" gap="2" mt="2">
                  <Field label="Site of care argued for" name={id("siteOfCare.requestedSite")} errors={errors}>
                    <select id={id("siteOfCare.requestedSite")} name="siteOfCare.requestedSite" defaultValue={requestedSiteOfCare} className="native-select">
                      {SITE_OF_CARE_TYPES.map((site) => (
                        <option key={site} value={site}>
                          {siteOfCareLabels[site]}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <GroupError errors={errors} name={id("siteOfCare")} />
                  {SITE_OF_CARE_CRITERIA.map((criterion, i) => (
                    <Flex key={criterion.number} direction="column" gap="1">
                      <Text as="label" size="2">
                        <Flex gap="2" align="center">
                          <input type="checkbox" name={`siteOfCare.checklist[${i}].met`} /> {criterion.number}. {criterion.label}
                        </Flex>
                      </Text>
                      <Field label={`Evidence for criterion ${criterion.number}`} name={id(`siteOfCare.checklist[${i}].evidence`)} errors={errors}>
                        <TextArea id={id(`siteOfCare.checklist[${i}].evidence`)} name={`siteOfCare.checklist[${i}].evidence[0].description`} rows={1} />
                      </Field>
                    </Flex>
                  ))}
                </Flex>
              </details>
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("record-appeal-decision", status) ? (
        <CommandForm type="record-appeal-decision" {...common}>
          {({ id, errors }) => (
            <>
              <LevelField id={id} errors={errors} level={[...state.appeals].reverse().find((a) => !a.outcome)?.level} />
              <ReviewOutcomeFields id={id} errors={errors} lineNumbers={lineNumbers} />
            </>
          )}
        </CommandForm>
      ) : null}
      {allowed("start-renewal", status) && !renewalOpen ? <StartRenewalForm data={data} lastResult={lastResult} /> : null}
      {allowed("record-regimen-change", status) ? (
        <CommandForm
          type="record-regimen-change"
          {...common}
          description="A new drug (or a biosimilar switch), dose, interval or site. What the authorization no longer covers goes on hold, and a revised request is drafted."
        >
          {({ id, errors }) => (
            <RegimenChangeFields
              id={id}
              errors={errors}
              context={{ caseId, state: data.state, affected: data.affected, drugs: data.drugs, body: data.body, today: data.today }}
            />
          )}
        </CommandForm>
      ) : null}
      <MoreActions data={data} lastResult={lastResult} />
    </Flex>
  );
}
