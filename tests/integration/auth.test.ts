// Sign-in, sessions and the role guard that every loader and action calls.
import { eq } from "drizzle-orm";
import { authenticate, createUserSession, getSessionUser, hashPassword, requireRole, requireUser, verifyPassword } from "~/auth.server";
import { installDatabaseHandle } from "~/db.server";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let coordinator: TenantGraph;
let biller: TenantGraph;
let coordinatorEmail: string;

beforeAll(async () => {
  database = await createTestDatabase("auth");
  installDatabaseHandle(database);
  const passwordHash = await hashPassword("correct horse battery staple");
  coordinator = await makeTenantGraph(database.db, "Cedar", { passwordHash, role: "coordinator" });
  biller = await makeTenantGraph(database.db, "Dogwood", { passwordHash, role: "biller" });
  const [user] = await database.db.select().from(s.users).where(eq(s.users.id, coordinator.userId));
  coordinatorEmail = user!.email;
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

async function signedInRequest(identity: { userId: string; organizationId: string }, path = "/queues") {
  const response = await createUserSession(new Request("http://localhost/login"), identity, "/");
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}

async function thrown(work: Promise<unknown>): Promise<Response> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("passwords", () => {
  it("are hashed with argon2id and verified", async () => {
    const hash = await hashPassword("s3cret-pass");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "s3cret-pass")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    expect(await authenticate(coordinatorEmail.toUpperCase(), "correct horse battery staple")).toEqual({ userId: coordinator.userId, organizationId: coordinator.organizationId });
  });
  it("refuses a wrong password and an unknown email alike", async () => {
    expect(await authenticate(coordinatorEmail, "wrong")).toBeNull();
    expect(await authenticate("nobody@example.test", "correct horse battery staple")).toBeNull();
  });
  it("refuses a disabled user", async () => {
    await database.db.update(s.users).set({ disabledAt: new Date() }).where(eq(s.users.id, biller.userId));
    const [user] = await database.db.select().from(s.users).where(eq(s.users.id, biller.userId));
    expect(await authenticate(user!.email, "correct horse battery staple")).toBeNull();
    await database.db.update(s.users).set({ disabledAt: null }).where(eq(s.users.id, biller.userId));
  });
});

describe("sessions and roles", () => {
  it("sets a signed, http-only cookie and reads the user back with their organization and roles", async () => {
    const response = await createUserSession(new Request("http://localhost/login"), { userId: coordinator.userId, organizationId: coordinator.organizationId }, "/queues");
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(response.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
    const user = await getSessionUser(await signedInRequest({ userId: coordinator.userId, organizationId: coordinator.organizationId }));
    expect(user).toMatchObject({ userId: coordinator.userId, organizationId: coordinator.organizationId, organizationName: "Cedar Infusion", roles: ["coordinator"] });
  });

  it("ignores a tampered cookie", async () => {
    const request = await signedInRequest({ userId: coordinator.userId, organizationId: coordinator.organizationId });
    const cookie = request.headers.get("Cookie")!;
    const tampered = cookie.slice(0, -3) + (cookie.endsWith("a") ? "bcd" : "abc");
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: tampered } }))).toBeNull();
  });

  it("does not let a session claim an organization the user is not a member of", async () => {
    const forged = await signedInRequest({ userId: coordinator.userId, organizationId: biller.organizationId });
    expect(await getSessionUser(forged)).toBeNull();
  });

  it("redirects an anonymous visitor to sign in, with the way back", async () => {
    const response = await thrown(requireUser(new Request("http://localhost/claims?status=held")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/claims?status=held")}`);
  });

  it("lets an allowed role through and answers 403 to the others", async () => {
    const coordinatorRequest = await signedInRequest({ userId: coordinator.userId, organizationId: coordinator.organizationId });
    await expect(requireRole(coordinatorRequest, ["admin", "coordinator"])).resolves.toMatchObject({ roles: ["coordinator"] });
    const billerRequest = await signedInRequest({ userId: biller.userId, organizationId: biller.organizationId });
    const response = await thrown(requireRole(billerRequest, ["admin"]));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/signed in as biller/);
  });
});
