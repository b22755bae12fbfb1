// The frame every email shares: the organization's brand (name, optional logo, accent colour), a heading, the body,
// one action button and a footer that says why the reader got it and that details are behind sign-in.
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { DEFAULT_ACCENT, type EmailBase, type EmailBrand } from "./types";

const body = { backgroundColor: "#f4f6f8", fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" };
const container = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px 32px", maxWidth: "560px", borderRadius: "8px" };
const footer = { color: "#6b7280", fontSize: "12px", lineHeight: "18px" };

export interface EmailLayoutProps {
  /** Organization (the brand), recipient (the greeting), case number and patient initials (the case line). */
  base: Pick<EmailBase, "organizationName" | "recipientName" | "brand"> & Partial<Pick<EmailBase, "caseNumber" | "patientInitials">>;
  preview: string;
  heading: string;
  action?: { label: string; url: string };
  /** Replaces the footer's second sentence (the sign-in email has its own). */
  footnote?: string;
  children: ReactNode;
}

/** The brand an email is sent under: the organization's settings, else its name and the default accent. */
export function brandOf(base: Pick<EmailBase, "organizationName" | "brand">): EmailBrand {
  return base.brand ?? { name: base.organizationName, accentColor: DEFAULT_ACCENT };
}

export function EmailLayout({ base, preview, heading, action, footnote, children }: EmailLayoutProps) {
  const brand = brandOf(base);
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          {brand.logoUrl ? <Img src={brand.logoUrl} alt={brand.name} height="40" style={{ marginBottom: "8px" }} /> : null}
          <Text style={{ color: brand.accentColor, fontSize: "14px", fontWeight: 600, letterSpacing: "0.02em", margin: 0 }}>{`${brand.name} · Prior authorizations`}</Text>
          <Heading as="h1" style={{ fontSize: "20px", margin: "12px 0" }}>
            {heading}
          </Heading>
          <Text>Dear {base.recipientName},</Text>
          {base.caseNumber ? <CaseLine caseNumber={base.caseNumber} patientInitials={base.patientInitials ?? "—"} /> : null}
          {children}
          {action ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={action.url} style={{ backgroundColor: brand.accentColor, color: "#ffffff", padding: "12px 20px", borderRadius: "6px", fontWeight: 600, textDecoration: "none" }}>
                {action.label}
              </Button>
              <Text style={footer}>Or open this link: {action.url}</Text>
            </Section>
          ) : null}
          <Hr />
          <Text style={footer}>
            Sent by {brand.name} about prior authorizations you work on.{" "}
            {footnote ?? "Patient details are shown only after you sign in. Action links are personal, work once and expire."}
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
