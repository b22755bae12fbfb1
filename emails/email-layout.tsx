// The frame every email shares: the organization's name as the brand, a heading, the body, one action button
// and a footer that says why the clinician got it and that details are behind sign-in.
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { EmailBase } from "./types";

const body = { backgroundColor: "#f4f6f8", fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" };
const container = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px 32px", maxWidth: "560px", borderRadius: "8px" };
const brand = { color: "#0d7377", fontSize: "14px", fontWeight: 600, letterSpacing: "0.02em", margin: 0 };
const button = { backgroundColor: "#0d7377", color: "#ffffff", padding: "12px 20px", borderRadius: "6px", fontWeight: 600, textDecoration: "none" };
const footer = { color: "#6b7280", fontSize: "12px", lineHeight: "18px" };

export interface EmailLayoutProps {
  /** Organization (the brand), recipient (the greeting), case number and patient initials (the case line). */
  base: Pick<EmailBase, "organizationName" | "recipientName"> & Partial<Pick<EmailBase, "caseNumber" | "patientInitials">>;
  preview: string;
  heading: string;
  action?: { label: string; url: string };
  children: ReactNode;
}

export function EmailLayout({ base, preview, heading, action, children }: EmailLayoutProps) {
  const { organizationName } = base;
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={brand}>{organizationName} · Prior authorizations</Text>
          <Heading as="h1" style={{ fontSize: "20px", margin: "12px 0" }}>
            {heading}
          </Heading>
          <Text>Dear {base.recipientName},</Text>
          {base.caseNumber ? <CaseLine caseNumber={base.caseNumber} patientInitials={base.patientInitials ?? "—"} /> : null}
          {children}
          {action ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={action.url} style={button}>
                {action.label}
              </Button>
              <Text style={footer}>Or open this link: {action.url}</Text>
            </Section>
          ) : null}
          <Hr />
          <Text style={footer}>
            Sent by {organizationName} about prior authorizations you work on. Patient details are shown only after you sign in. Action links
            are personal, work once and expire.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A case line: patient initials and the case number, never more. */
function CaseLine({ caseNumber, patientInitials }: { caseNumber: string; patientInitials: string }) {
  return (
    <Text>
      Case <strong>{caseNumber}</strong> · patient <strong>{patientInitials}</strong>
    </Text>
  );
}
