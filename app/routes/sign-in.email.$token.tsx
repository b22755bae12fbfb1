// Following an emailed sign-in link: a page with one button (a GET spends nothing, because mail scanners open
// links), then the POST spends the link and signs in the matching account, or grants this browser the one action.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Box, Button, Callout, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { createUserSession, grantEmailAction } from "~/auth.server";
import { loadConfig } from "~/config.server";
import { databaseHandle } from "~/db.server";
import { checkSignInLink, spendSignInLink, type SignInLinkCheck } from "~/email-sign-in.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Infusion PA" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkSignInLink(databaseHandle().db, params.token ?? "", loadConfig().SESSION_SECRET, new Date());
  // The page needs no more than this: never the return path (it carries the action token).
  return check.state === "ready" ? { state: check.state, caseNumber: check.caseNumber, providerName: check.providerName } : { state: check.state };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const used = await spendSignInLink(databaseHandle().db, params.token ?? "", new Date());
  if (used.state === "member") return createUserSession(request, used.identity, used.returnPath);
  if (used.state === "grant") return grantEmailAction(request, used.grant, used.returnPath);
  return { state: used.state };
}

const closedWords: Record<Exclude<SignInLinkCheck["state"], "ready">, { title: string; text: string }> = {
  used: { title: "This sign-in link was already used", text: "Each sign-in link works once. Open the link in the PA team's email again and ask for a new one." },
  expired: { title: "This sign-in link has expired", text: "Sign-in links work for 15 minutes. Open the link in the PA team's email again and ask for a new one." },
  invalid: { title: "This sign-in link is not valid", text: "It may have been copied incompletely. Open the link in the PA team's email again and ask for a new one." },
};

export default function EmailSignIn() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = result?.state ?? page.state;
  return (
    <div className="auth-page">
      <Box width="100%" maxWidth="480px" p="4">
        <Card size="4">
          {state === "ready" && "caseNumber" in page ? (
            <Flex direction="column" gap="4">
              <Heading as="h1" size="5">
                Continue to case {page.caseNumber}
              </Heading>
              <Text size="2">
                This signs you in{page.providerName ? ` for ${page.providerName}'s request` : ""} and takes you back to the form from the PA team&apos;s email. The link works once.
              </Text>
              <Form method="post">
                <Button type="submit" size="3" loading={navigation.state !== "idle"}>
                  Sign in and continue
                </Button>
              </Form>
            </Flex>
          ) : state !== "ready" ? (
            <Flex direction="column" gap="4">
              <Heading as="h1" size="5">
                {closedWords[state].title}
              </Heading>
              <Callout.Root color="amber" role="status">
                <Callout.Text>{closedWords[state].text}</Callout.Text>
              </Callout.Root>
              <Button asChild variant="soft">
                <a href="/login">Sign in with a password</a>
              </Button>
            </Flex>
          ) : null}
        </Card>
      </Box>
    </div>
  );
}
