// Sign-in with email and password (argon2id), signed cookie sessions, and the role guard every loader and action uses.
import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, sql } from "drizzle-orm";
import { memberships, organizations, users } from "../db/schema";
import { loadConfig } from "./config.server";
import { systemDb, tenantTransaction } from "./db.server";
import type { EmailActionGrant, EmailActionViewer } from "./email-actions.server";
import { hasAnyRole, safeRedirect, type Role } from "./permissions";

export interface SessionUser {
  userId: string;
  name: string;
  email: string;
  organizationId: string;
  organizationName: string;
  roles: Role[];
}

interface SessionData {
  userId: string;
  organizationId: string;
  /** Grants from followed sign-in links: each lets its holder act on one email action link, for a short while. */
  emailActionGrants: EmailActionGrant[];
}

let storage: SessionStorage<SessionData> | undefined;
function sessionStorage() {
  if (storage) return storage;
  const config = loadConfig();
  storage = createCookieSessionStorage<SessionData>({
    cookie: {
      name: "__infusion_pa_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: config.NODE_ENV === "production",
      secrets: [config.SESSION_SECRET],
      maxAge: 60 * 60 * 12,
    },
  });
  return storage;
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to Argon2id with OWASP-recommended memory and time costs.
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the email is unknown, so both paths take the same time.
let decoyHash: Promise<string> | undefined;

/** Checks credentials on the owner connection (the tenant is not known yet). Null when they do not match. */
export async function authenticate(email: string, password: string): Promise<{ userId: string; organizationId: string } | null> {
  const db = systemDb();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  if (!user) {
    await verifyPassword(await (decoyHash ??= hashPassword("decoy-password")), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password)) || user.disabledAt) return null;
  const [membership] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(memberships.createdAt)
    .limit(1);
  return membership ? { userId: user.id, organizationId: membership.organizationId } : null;
}

export async function createUserSession(request: Request, identity: { userId: string; organizationId: string }, redirectTo: string) {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  session.set("userId", identity.userId);
  session.set("organizationId", identity.organizationId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

export async function signOut(request: Request) {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  return redirect("/login", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}

/** The signed-in user, read under the tenant's row-level security; null when signed out or no longer a member. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const userId = session.get("userId");
  const organizationId = session.get("organizationId");
  if (typeof userId !== "string" || typeof organizationId !== "string") return null;
  const rows = await tenantTransaction(organizationId, (tx) =>
    tx
      .select({ name: users.name, email: users.email, disabledAt: users.disabledAt, organizationName: organizations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId))),
  );
  const first = rows[0];
  if (!first || first.disabledAt) return null;
  return { userId, organizationId, name: first.name, email: first.email, organizationName: first.organizationName, roles: rows.map((r) => r.role) };
}

/** Signed in, or redirected to the sign-in page with a way back. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = safeRedirect(`${url.pathname}${url.search}`, "/");
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Signed in with one of the allowed roles, or a 403 the route's error boundary explains. */
export async function requireRole(request: Request, allowed: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasAnyRole(user.roles, allowed)) {
    throw new Response(`This page is for ${allowed.join(", ")} roles; you are signed in as ${user.roles.join(", ")}.`, { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** The grants of this browser's session that have not expired. */
export async function emailActionGrants(request: Request, now = new Date()): Promise<EmailActionGrant[]> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const grants = session.get("emailActionGrants");
  return Array.isArray(grants) ? grants.filter((g) => typeof g?.expiresAt === "number" && g.expiresAt > now.getTime()) : [];
}

/**
 * Keeps a grant from a followed sign-in link in the session (signed cookie) and returns to the action. It does not
 * sign anyone in: the app's pages still need an account.
 */
export async function grantEmailAction(request: Request, grant: EmailActionGrant, redirectTo: string) {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const kept = (await emailActionGrants(request)).filter((g) => g.linkKey !== grant.linkKey).slice(-4);
  session.set("emailActionGrants", [...kept, grant]);
  return redirect(safeRedirect(redirectTo, "/"), { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

/** Who is looking at an email action page: the signed-in member (if any) and the session's grants. */
export async function emailActionViewer(request: Request): Promise<EmailActionViewer> {
  const [user, grants] = await Promise.all([getSessionUser(request), emailActionGrants(request)]);
  return { ...(user ? { user } : {}), grants };
}
