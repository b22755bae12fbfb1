import type { TestDatabase } from "../support/database";
import type { Comparison } from "./harness";

export async function benchQueues(_database: TestDatabase, _log: (line: string) => void): Promise<Comparison[]> {
  return [];
}
