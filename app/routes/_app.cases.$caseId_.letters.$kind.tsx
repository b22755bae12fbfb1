import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Flex, Text, TextArea } from "@radix-ui/themes";
import { useState } from "react";
import { COMMAND_ROLES } from "~/authorizations";
import { draftedLetter, letterPdf, saveLetterDocument } from "~/case-page.server";
import { PageHeader } from "~/components/app-shell";
import { LetterFormSchema } from "~/components/case/letter-form";
import { unfilledPrompts } from "~/letters/draft";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.caseNumber} · Infusion PA` : "Letter · Infusion PA" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caseId, kind, facts, letter } = await draftedLetter(request, params);
  return { caseId, kind, caseNumber: facts.caseNumber, patient: `${facts.patient.lastName}, ${facts.patient.firstName}`, title: letter.title, fileName: letter.fileName, text: letter.text };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, caseId, facts, letter } = await draftedLetter(request, params);
  const submission = parseWithZod(await request.formData(), { schema: LetterFormSchema });
  if (submission.status !== "success") return { reply: submission.reply() };
  const pdf = await letterPdf(submission.value.text, facts, letter);
  const role = user.roles.find((r) => COMMAND_ROLES["attach-document"].includes(r)) ?? user.roles[0]!;
  const saved = await saveLetterDocument(user.organizationId, { userId: user.userId, role }, caseId, { fileName: letter.fileName, pdf });
  if (!saved.ok) return { reply: submission.reply({ formErrors: [saved.error.message] }) };
  return redirect(`/cases/${caseId}`);
}

export default function LetterEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `letter-${data.kind}`,
    lastResult: result?.reply,
    defaultValue: { text: data.text },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LetterFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [prompts, setPrompts] = useState(() => unfilledPrompts(data.text).length);
  return (
    <>
      <PageHeader
        title={data.title}
        description={`${data.caseNumber} · ${data.patient} · drafted from the case; edit it before it goes out`}
        actions={
          <Button asChild variant="soft" color="gray">
            <Link to={`/cases/${data.caseId}`}>Back to the case</Link>
          </Button>
        }
      />
      <Card size="3">
        {/* A native post: the PDF comes back as a download, and saving returns to the case. */}
        <Form method="post" reloadDocument {...getFormProps(form)} aria-label="Letter">
          <Flex direction="column" gap="3">
            {form.errors?.length ? (
              <Callout.Root color="red" role="alert">
                <Callout.Text>{form.errors.join(" ")}</Callout.Text>
              </Callout.Root>
            ) : null}
            <Callout.Root color={prompts > 0 ? "amber" : "green"} size="1" role="status" data-testid="letter-prompts">
              <Callout.Text>
                {prompts > 0
                  ? `${prompts} [bracketed] part${prompts === 1 ? "" : "s"} still to write: the case cannot know the clinical story. Replace each with the facts, or delete it.`
                  : "Every [bracketed] prompt has been replaced. Read it through once more before it goes out."}
              </Callout.Text>
            </Callout.Root>
            <Text as="label" size="2" weight="medium" htmlFor={fields.text.id}>
              Letter text
            </Text>
            <TextArea
              {...getTextareaProps(fields.text)}
              key={fields.text.key}
              rows={32}
              style={{ fontFamily: "var(--code-font-family)", fontSize: "var(--font-size-2)", lineHeight: 1.5 }}
              onInput={(e) => setPrompts(unfilledPrompts(e.currentTarget.value).length)}
            />
            {fields.text.errors?.length ? (
              <Text size="1" color="red" role="alert" id={fields.text.errorId}>
                {fields.text.errors.join(" ")}
              </Text>
            ) : null}
            <Flex gap="3" wrap="wrap">
              <Button type="submit" name="intent" value="download" formAction={`/cases/${data.caseId}/letters/${data.kind}/pdf`}>
                Download PDF
              </Button>
              <Button type="submit" name="intent" value="save" variant="soft">
                Save to the case as a PDF
              </Button>
              <Button asChild variant="ghost" color="gray">
                <Link to="." reloadDocument>
                  Start over from the case
                </Link>
              </Button>
            </Flex>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
