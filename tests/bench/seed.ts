// Set-based bench data: copies of one template row, n at a time, with some columns rewritten per copy (g is the
// copy's number from generate_series). Deterministic ids (md5 of a label and g, as a uuid) let one table's copies
// point at another's without reading anything back.
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "../../db/client";

/** The uuid a bench row of `label` number `g` gets (g is an SQL expression). */
export const benchId = (label: string, g: SQL) => sql`md5(${label} || '-' || (${g})::text)::uuid`;

/**
 * Inserts `count` copies of the rows of `table` matching `where` (a template), numbered g = 0…count-1, in batches.
 * `set` rewrites columns per copy (SQL over the template row `t` and `g`); `id` is always rewritten.
 */
export async function cloneRows(db: Database, table: string, where: SQL, count: number, set: Record<string, SQL>, batch = 100_000): Promise<void> {
  const columns = (await selectRows<{ column_name: string }>(db, sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`)).map((c) => c.column_name);
  const values = columns.map((column) => set[column] ?? (column === "id" ? sql`gen_random_uuid()` : sql.identifier(column)));
  const list = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch) - 1;
    await db.execute(sql`insert into ${sql.identifier(table)} (${list}) select ${sql.join(values, sql`, `)} from ${sql.identifier(table)} t, generate_series(${start}::int, ${end}::int) g where ${where}`);
  }
}
