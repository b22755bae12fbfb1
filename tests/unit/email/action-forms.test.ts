// The email action forms name the field and the expected form when input is wrong.
import { AttestContinuedTherapySchema, PickP2PWindowsSchema, UploadRequestedDocumentSchema } from "~/email-action-forms";

describe("email action forms", () => {
  it("attestation needs the box ticked and a response; weight is optional but must be plausible", () => {
    const missing = AttestContinuedTherapySchema.safeParse({ response: "" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["attest", "response"]));
    expect(AttestContinuedTherapySchema.safeParse({ attest: "on", response: "Stable", weightKg: "900" }).error?.issues[0]?.message).toMatch(/weight in kg/);
    expect(AttestContinuedTherapySchema.parse({ attest: "on", response: "Stable", weightKg: "72.5" })).toMatchObject({ weightKg: 72.5 });
  });

  it("P2P windows are one per line", () => {
    expect(PickP2PWindowsSchema.parse({ windows: "Tue 12–1 pm\n\n Thu 7:30–8 am " }).windows).toEqual(["Tue 12–1 pm", "Thu 7:30–8 am"]);
    expect(PickP2PWindowsSchema.safeParse({ windows: "  " }).error?.issues[0]?.message).toMatch(/at least one time/);
  });

  it("uploads must be a PDF or an image", () => {
    const text = new File(["hello"], "note.txt", { type: "text/plain" });
    expect(UploadRequestedDocumentSchema.safeParse({ document: text }).error?.issues[0]?.message).toMatch(/PDF, PNG, JPEG or TIFF/);
    const pdf = new File([new Uint8Array([1, 2, 3])], "labs.pdf", { type: "application/pdf" });
    expect(UploadRequestedDocumentSchema.safeParse({ document: pdf }).success).toBe(true);
  });
});
