// Row-level security keeps organizations apart even for hand-written SQL through the app's data layer.
import { eq, getTableName, sql } from "drizzle-orm";
import { selectRows } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { databaseError } from "../support/errors";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let a: TenantGraph;
let b: TenantGraph;

beforeAll(async () => {
  if (!postgresServerUrl()) console.warn("DATABASE_URL is unset: the tenant-isolation proof runs on PGlite here; CI runs it on Postgres.");
  database = await createTestDatabase("rls");
  a = await makeTenantGraph(database.db, "Alpha");
  b = await makeTenantGraph(database.db, "Bravo");
});
afterAll(async () => database?.destroy());

const tenantTableNames = s.tenantTables.map((t) => getTableName(t));

describe("row-level security", () => {
  it("protects every table that has an organization_id column, under a non-superuser role", async () => {
    const withColumn = await selectRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organization_id' order by table_name`,
    );
    expect(withColumn.map((r) => r.table_name).sort()).toEqual([...tenantTableNames].sort());
    const protectedTables = await selectRows<{ relname: string }>(
      database.db,
      sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relrowsecurity and exists (select 1 from pg_policies p where p.tablename = c.relname and 'app_user' = any(p.roles))`,
    );
    expect(protectedTables.map((r) => r.relname)).toEqual(expect.arrayContaining(tenantTableNames));
    const [role] = await selectRows<{ rolsuper: boolean; rolbypassrls: boolean }>(database.db, sql`select rolsuper, rolbypassrls from pg_roles where rolname = 'app_user'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it.each(tenantTableNames)("%s: an organization reads only its own rows, even with hand-written SQL", async (table) => {
    const seen = await withTenant(database.db, a.organizationId, (tx) => selectRows<{ organization_id: string }>(tx, sql`select organization_id from ${sql.identifier(table)}`));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.organization_id))).toEqual(new Set([a.organizationId]));
  });

  it("cannot read another organization's patient by id", async () => {
    const rows = await withTenant(database.db, a.organizationId, (tx) => tx.select().from(s.patients).where(eq(s.patients.id, b.patientId)));
    expect(rows).toEqual([]);
  });

  it("cannot update or delete another organization's rows: zero rows change", async () => {
    const result = await withTenant(database.db, a.organizationId, async (tx) => {
      const updated = await selectRows(tx, sql`update patients set last_name = 'Hijacked' where id = ${b.patientId} returning id`);
      const deleted = await selectRows(tx, sql`delete from claim_holds where claim_id = ${b.claimId} returning id`);
      const deletedClaims = await selectRows(tx, sql`delete from claims where organization_id = ${b.organizationId} returning id`);
      return { updated: updated.length, deleted: deleted.length, deletedClaims: deletedClaims.length };
    });
    expect(result).toEqual({ updated: 0, deleted: 0, deletedClaims: 0 });
    const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, b.patientId));
    expect(patient?.lastName).toBe("Bravopatient");
    const holds = await database.db.select().from(s.claimHolds).where(eq(s.claimHolds.claimId, b.claimId));
    expect(holds).toHaveLength(1);
  });

  it("cannot write a row into another organization, nor move its own row there", async () => {
    expect(await databaseError(withTenant(database.db, a.organizationId, (tx) => tx.insert(s.patients).values({ organizationId: b.organizationId, mrn: "X-1", firstName: "Eve", lastName: "Intruder", birthDate: "1980-01-01", sex: "female" })),)).toMatch(/row-level security/);
    expect(await databaseError(withTenant(database.db, a.organizationId, (tx) => tx.execute(sql`update patients set organization_id = ${b.organizationId} where id = ${a.patientId}`)))).toMatch(/row-level security/);
  });

  it("sees nothing when no organization is set", async () => {
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role app_user`);
      return selectRows(tx, sql`select id from authorization_cases`);
    });
    expect(rows).toEqual([]);
  });

  it("sees only users who are members of the organization, and never writes shared reference data", async () => {
    const visible = await withTenant(database.db, a.organizationId, (tx) => tx.select({ id: s.users.id }).from(s.users));
    expect(visible.map((u) => u.id)).toEqual([a.userId]);
    expect(await databaseError(withTenant(database.db, a.organizationId, (tx) => tx.update(s.drugs).set({ shortName: "x" }).where(eq(s.drugs.id, a.drugId))))).toMatch(/permission denied/);
  });

  it("keeps history append-only: events and the audit log refuse UPDATE and DELETE, even for the owner", async () => {
    expect(await databaseError(withTenant(database.db, a.organizationId, (tx) => tx.update(s.authorizationEvents).set({ type: "rewritten" }).where(eq(s.authorizationEvents.caseId, a.caseId))))).toMatch(/permission denied/);
    expect(await databaseError(database.db.delete(s.authorizationEvents).where(eq(s.authorizationEvents.caseId, a.caseId)))).toMatch(/append-only/);
    expect(await databaseError(database.db.update(s.auditLog).set({ action: "x" }))).toMatch(/append-only/);
  });

  it("does not leak the tenant setting past the transaction on a pooled connection", async () => {
    await withTenant(database.db, a.organizationId, async () => undefined);
    const [row] = await selectRows<{ org: string | null; role: string }>(database.db, sql`select nullif(current_setting('app.organization_id', true), '') as org, current_user as role`);
    expect(row?.org ?? null).toBeNull();
    expect(row?.role).not.toBe("app_user");
  });
});
