/** The database's own message behind drizzle's "Failed query" wrapper, for asserting on constraint and RLS errors. */
export async function databaseError(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    let current: unknown = error;
    while (current instanceof Error) {
      messages.push(current.message);
      current = current.cause;
    }
    return messages.join(" <- ");
  }
  throw new Error("expected the database to refuse this, but it succeeded");
}
