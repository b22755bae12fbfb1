// To a clinician (or their delegate nurse) who opened an action link without being signed in and asked for a
// sign-in link: one button that signs them in and returns them to the action. Works once, for a few minutes.
import { Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";
import type { SignInLinkProps } from "./types";

export function signInLinkSubject(p: SignInLinkProps): string {
  return `Your sign-in link for case ${p.caseNumber}`;
}

export default function SignInLink(p: SignInLinkProps) {
  return (
    <EmailLayout
      base={p}
      preview={signInLinkSubject(p)}
      heading="Sign in to answer the PA team"
      action={{ label: "Sign in and continue", url: p.signInUrl }}
      footnote={`This link signs you in once and expires in ${p.expiresInMinutes} minutes. If you did not ask for it, ignore this email: nobody can use it without access to your inbox.`}
    >
      <Text>
        Someone opened the link in our email about case <strong>{p.caseNumber}</strong> and asked to sign in. Use the button below within{" "}
        {p.expiresInMinutes} minutes; it brings you back to the form.
      </Text>
    </EmailLayout>
  );
}
