import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Box, Button, Callout, Card, Code, Flex, Heading, Separator, Text, TextField } from "@radix-ui/themes";
import { authenticate, createUserSession, getSessionUser } from "~/auth.server";
import { demoAccountsOnFile } from "~/demo-accounts.server";
import { SignInSchema } from "~/forms/sign-in";
import { homePathFor, safeRedirect } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "Sign in · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(homePathFor(user.roles));
  return { demoAccounts: await demoAccountsOnFile() };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const identity = await authenticate(submission.value.email, submission.value.password);
  if (!identity) return submission.reply({ formErrors: ["That email and password do not match an active account."], hideFields: ["password"] });
  return createUserSession(request, identity, safeRedirect(submission.value.redirectTo, "/"));
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const { demoAccounts } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const { key: emailKey, ...emailProps } = getInputProps(fields.email, { type: "email" });
  const { key: passwordKey, ...passwordProps } = getInputProps(fields.password, { type: "password" });

  return (
    <div className="auth-page">
      <Box width="100%" maxWidth="420px" p="4">
        <Card size="4">
          <Flex direction="column" gap="4">
            <Flex align="center" gap="3">
              <span className="brand-mark" aria-hidden="true">
                +
              </span>
              <Box>
                <Heading as="h1" size="5">
                  Sign in to Infusion PA
                </Heading>
                <Text size="2" color="gray">
                  Authorizations, infusion coding and claim holds
                </Text>
              </Box>
            </Flex>
            {form.errors ? (
              <Callout.Root color="red" role="alert" id={form.errorId}>
                <Callout.Text>{form.errors.join(" ")}</Callout.Text>
              </Callout.Root>
            ) : null}
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
              <Flex direction="column" gap="3">
                <label htmlFor={fields.email.id}>
                  <Text size="2" weight="medium">
                    Work email
                  </Text>
                </label>
                <TextField.Root key={emailKey} {...emailProps} autoComplete="username" autoFocus size="3" />
                {fields.email.errors ? (
                  <Text size="1" color="red" id={fields.email.errorId}>
                    {fields.email.errors.join(" ")}
                  </Text>
                ) : null}
                <label htmlFor={fields.password.id}>
                  <Text size="2" weight="medium">
                    Password
                  </Text>
                </label>
                <TextField.Root key={passwordKey} {...passwordProps} autoComplete="current-password" size="3" />
                {fields.password.errors ? (
                  <Text size="1" color="red" id={fields.password.errorId}>
                    {fields.password.errors.join(" ")}
                  </Text>
                ) : null}
                <Button type="submit" size="3" mt="2" loading={navigation.state === "submitting"}>
                  Sign in
                </Button>
              </Flex>
            </Form>
            {demoAccounts.length > 0 ? (
              <>
                <Separator size="4" />
                <Box aria-label="Demo accounts">
                  <Text as="p" size="2" weight="medium" mb="1">
                    Demo accounts (password <Code>{demoAccounts[0]!.password}</Code>)
                  </Text>
                  {demoAccounts.map((account) => (
                    <Text as="p" size="1" color="gray" key={account.email}>
                      {account.roleLabel}: <Code variant="ghost">{account.email}</Code>
                    </Text>
                  ))}
                </Box>
              </>
            ) : null}
          </Flex>
        </Card>
      </Box>
    </div>
  );
}
