import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { Box, Button, Callout, Card, Checkbox, Flex, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { emailActionViewer } from "~/auth.server";
import { loadConfig } from "~/config.server";
import { AttestContinuedTherapySchema, PickP2PWindowsSchema, UploadRequestedDocumentSchema } from "~/email-action-forms";
import { emailActionContext, emailActionOf, openEmailAction, performEmailAction, type EmailActionDetails, type EmailActionPage } from "~/email-actions.server";
import { requestSignInLink, SIGN_IN_LINK_TTL_MINUTES, type SignInRequestResult } from "~/email-sign-in.server";
import { resendSender } from "~/email.server";

export const meta: MetaFunction = () => [{ title: "Authorization request · Infusion PA" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return openEmailAction(params.token ?? "", emailActionContext(), await emailActionViewer(request));
}

type Unavailable = Exclude<EmailActionPage, { state: "ready" | "sign-in" }>;

const schemaFor = {
  "attest-continued-therapy": AttestContinuedTherapySchema,
  "upload-requested-document": UploadRequestedDocumentSchema,
  "pick-p2p-windows": PickP2PWindowsSchema,
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const config = loadConfig();
  const kind = emailActionOf(token, config.SESSION_SECRET);
  if (!kind) return { done: false as const, page: { state: "invalid" } as EmailActionPage, submission: null };
  const formData = await request.formData();
  if (formData.get("intent") === "send-sign-in-link") {
    const signIn = await requestSignInLink(token, { db: emailActionContext().db, secret: config.SESSION_SECRET, appUrl: config.APP_URL, now: new Date(), send: resendSender(config) });
    return { done: false as const, signIn, page: null, submission: null };
  }
  const submission = parseWithZod(formData, { schema: schemaFor[kind] });
  if (submission.status !== "success") return { done: false as const, page: null, submission: submission.reply() };
  const result = await performEmailAction(token, { action: kind, value: submission.value } as Parameters<typeof performEmailAction>[1], emailActionContext(), await emailActionViewer(request));
  if (result.ok) return { done: true as const, details: result.details };
  if ("page" in result) return { done: false as const, page: result.page as EmailActionPage, submission: null };
  return { done: false as const, page: null, submission: submission.reply({ formErrors: [result.refused] }) };
}

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

function Shell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <Box width="100%" maxWidth="560px" p="4">
        <Card size="4">
          <Flex direction="column" gap="4">
            <Heading as="h1" size="5">
              {title}
            </Heading>
            {children}
          </Flex>
        </Card>
      </Box>
    </div>
  );
}

function UnavailablePage({ page }: { page: Unavailable }) {
  const text =
    page.state === "expired"
      ? "This link has expired. Links in our emails work for 14 days; ask the PA team to send a new one, or sign in to the app to answer on the case."
      : page.state === "used"
        ? `This link was already used on ${new Date(page.usedAt).toLocaleString("en-US", { timeZone: "UTC" })} UTC, so nothing more was recorded. Each link works once; sign in to the app to add more to case ${page.details.caseNumber}.`
        : "This link is not valid. It may have been copied incompletely. Open it again from the email, or sign in to the app.";
  return (
    <Shell title={page.state === "expired" ? "This link has expired" : page.state === "used" ? "This link was already used" : "This link is not valid"}>
      <Callout.Root color="amber" role="status">
        <Callout.Text>{text}</Callout.Text>
      </Callout.Root>
      <Button asChild variant="soft">
        <a href="/login">Sign in</a>
      </Button>
    </Shell>
  );
}

function Intro({ details }: { details: EmailActionDetails }) {
  return (
    <Text as="p" size="2" color="gray">
      {details.organizationName} · case <strong>{details.caseNumber}</strong> · patient <strong>{details.patientInitials}</strong> · for {details.providerName}
      {details.answeringAs ? (
        <>
          {" "}
          · answering as <strong>{details.answeringAs}</strong>
        </>
      ) : null}
    </Text>
  );
}

export default function EmailActionRoute() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.done) {
    return (
      <Shell title="Thank you — it is on the case">
        <Callout.Root color="green" role="status">
          <Callout.Text>Your answer was recorded on case {result.details.caseNumber}. The PA team sees it on the case timeline and takes it from here.</Callout.Text>
        </Callout.Root>
      </Shell>
    );
  }
  const shown = result && !result.done && result.page ? result.page : page;
  if (shown.state === "sign-in") return <SignInOffer details={shown.details} signedInAs={shown.signedInAs} sent={result && "signIn" in result ? result.signIn : undefined} />;
  if (shown.state !== "ready") return <UnavailablePage page={shown} />;
  return <ActionForm details={shown.details} lastResult={result && !result.done ? result.submission : undefined} />;
}

const sentWords: Record<SignInRequestResult["state"], { color: "green" | "amber" | "red"; text: string }> = {
  sent: { color: "green", text: `We sent a sign-in link to the email address on file for this request. It works once, for ${SIGN_IN_LINK_TTL_MINUTES} minutes, and brings you back here. You can close this page.` },
  "rate-limited": { color: "amber", text: "A sign-in link was sent a moment ago. Use the newest one in your inbox, or ask again in a few minutes." },
  unavailable: { color: "amber", text: "Email is not set up on this server, so no sign-in link can be sent. Sign in with your password instead." },
  failed: { color: "red", text: "We could not send the sign-in link just now. Try again in a minute, or sign in with your password." },
  invalid: { color: "red", text: "This link is not valid. Open it again from the email." },
  expired: { color: "red", text: "This link has expired; ask the PA team to send a new one." },
  used: { color: "amber", text: "This link was already used, so there is nothing left to sign in for." },
};

/** Not signed in as the provider or their delegate: offer a sign-in link to the address on file, or a password sign-in. */
function SignInOffer({ details, signedInAs, sent }: { details: EmailActionDetails; signedInAs: string | undefined; sent: SignInRequestResult | undefined }) {
  const navigation = useNavigation();
  const { token } = useParams();
  const words = sent ? sentWords[sent.state] : undefined;
  return (
    <Shell title="Sign in to answer">
      <Intro details={details} />
      <Text as="p" size="2">
        {signedInAs
          ? `You are signed in as ${signedInAs}, but this request is for ${details.providerName} or their delegate. `
          : `To keep patient information safe, this form opens only for ${details.providerName} or their delegate. `}
        We can email a sign-in link to the address on file for this request; it works once and brings you back here.
      </Text>
      {words ? (
        <Callout.Root color={words.color} role="status">
          <Callout.Text>{words.text}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="send-sign-in-link" />
        <Button type="submit" size="3" loading={navigation.state === "submitting"} disabled={sent?.state === "sent"}>
          Email me a sign-in link
        </Button>
      </Form>
      <Flex gap="3" align="center" wrap="wrap">
        <Text size="2">
          Have an account? <a href={`/login?redirectTo=${encodeURIComponent(`/email-action/${token ?? ""}`)}`}>Sign in with your password</a>.
        </Text>
        {signedInAs ? (
          <Form method="post" action="/logout">
            <Button type="submit" variant="ghost" size="1">
              Sign out
            </Button>
          </Form>
        ) : null}
      </Flex>
    </Shell>
  );
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors ? (
    <Text size="1" color="red" id={id}>
      {errors.join(" ")}
    </Text>
  ) : null;
}

function ActionForm({ details, lastResult }: { details: EmailActionDetails; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const navigation = useNavigation();
  const schema = schemaFor[details.action];
  const [form, fields] = useForm<Record<string, unknown>>({ lastResult, shouldValidate: "onBlur", onValidate: ({ formData }) => parseWithZod(formData, { schema }) });
  const title =
    details.action === "attest-continued-therapy" ? "Attest continued therapy" : details.action === "upload-requested-document" ? "Upload the requested document" : "Pick peer-to-peer call windows";
  const field = (name: string) => fields[name]!;
  return (
    <Shell title={title}>
      <Intro details={details} />
      {form.errors ? (
        <Callout.Root color="red" role="alert" id={form.errorId}>
          <Callout.Text>{form.errors.join(" ")}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Form method="post" encType={details.action === "upload-requested-document" ? "multipart/form-data" : undefined} {...getFormProps(form)}>
        <Flex direction="column" gap="3">
          {details.action === "attest-continued-therapy" ? (
            <>
              {details.effectiveTo ? <Text size="2">The current authorization ends on {day(details.effectiveTo)}. The payer will want a response-to-therapy note, recent labs and the current weight.</Text> : null}
              <Text as="label" size="2">
                <Flex gap="2" align="center">
                  <Checkbox name={field("attest").name} id={field("attest").id} aria-describedby={field("attest").errorId} />I attest that the patient continues this therapy and
                  it remains medically necessary.
                </Flex>
              </Text>
              <FieldError id={field("attest").errorId} errors={field("attest").errors} />
              <label htmlFor={field("response").id}>
                <Text size="2" weight="medium">
                  Response to therapy
                </Text>
              </label>
              <TextArea {...getTextareaProps(field("response"))} key={undefined} rows={4} placeholder="e.g. Clinical remission since week 14; CRP normal." />
              <FieldError id={field("response").errorId} errors={field("response").errors} />
              <label htmlFor={field("weightKg").id}>
                <Text size="2" weight="medium">
                  Current weight (kg)
                </Text>
              </label>
              <TextField.Root {...getInputProps(field("weightKg"), { type: "text" })} key={undefined} inputMode="decimal" />
              <FieldError id={field("weightKg").errorId} errors={field("weightKg").errors} />
            </>
          ) : null}
          {details.action === "upload-requested-document" ? (
            <>
              {details.items.length ? (
                <Box>
                  <Text size="2">The payer asked for{details.dueOn ? ` (due ${day(details.dueOn)})` : ""}:</Text>
                  <ul>
                    {details.items.map((item) => (
                      <li key={item}>
                        <Text size="2">{item}</Text>
                      </li>
                    ))}
                  </ul>
                </Box>
              ) : null}
              <label htmlFor={field("document").id}>
                <Text size="2" weight="medium">
                  Document (PDF, PNG, JPEG or TIFF, up to 25 MB)
                </Text>
              </label>
              <input {...getInputProps(field("document"), { type: "file" })} key={undefined} accept="application/pdf,image/png,image/jpeg,image/tiff" />
              <FieldError id={field("document").errorId} errors={field("document").errors} />
              <label htmlFor={field("note").id}>
                <Text size="2" weight="medium">
                  Note for the PA team (optional)
                </Text>
              </label>
              <TextArea {...getTextareaProps(field("note"))} key={undefined} rows={3} />
              <FieldError id={field("note").errorId} errors={field("note").errors} />
            </>
          ) : null}
          {details.action === "pick-p2p-windows" ? (
            <>
              <label htmlFor={field("windows").id}>
                <Text size="2" weight="medium">
                  When can you take the call? One window per line
                </Text>
              </label>
              <TextArea {...getTextareaProps(field("windows"))} key={undefined} rows={4} placeholder={"Tue 12–1 pm\nThu 7:30–8 am"} />
              <FieldError id={field("windows").errorId} errors={field("windows").errors} />
              <label htmlFor={field("phone").id}>
                <Text size="2" weight="medium">
                  Best phone number (optional)
                </Text>
              </label>
              <TextField.Root {...getInputProps(field("phone"), { type: "tel" })} key={undefined} />
              <FieldError id={field("phone").errorId} errors={field("phone").errors} />
            </>
          ) : null}
          <Button type="submit" size="3" loading={navigation.state === "submitting"}>
            Send to the PA team
          </Button>
          <Text size="1" color="gray">
            This link works once and expires on {day(details.expiresAt)}.
          </Text>
        </Flex>
      </Form>
    </Shell>
  );
}
