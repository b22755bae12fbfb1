// Requests as a signed-in user, for calling route loaders and actions directly in integration tests.
import { createUserSession } from "~/auth.server";

export interface Identity {
  userId: string;
  organizationId: string;
}

export async function sessionCookie(identity: Identity): Promise<string> {
  const response = await createUserSession(new Request("http://localhost/login"), identity, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

export async function getAs(identity: Identity, path: string): Promise<Request> {
  return new Request(`http://localhost${path}`, { headers: { Cookie: await sessionCookie(identity) } });
}

export async function postAs(identity: Identity, path: string, fields: Record<string, string>): Promise<Request> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: await sessionCookie(identity) }, body });
}

/** What a loader or action did: a thrown Response (redirect or error), or the value it returned. */
export async function settle<T>(work: Promise<T>): Promise<{ response?: Response; value?: T }> {
  try {
    const value = await work;
    return value instanceof Response ? { response: value } : { value };
  } catch (error) {
    if (error instanceof Response) return { response: error };
    throw error;
  }
}
