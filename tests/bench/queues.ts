// The coordinator's "My work" queue at 100k cases (issue 6): the real route — its loader (session, role check,
// counts, the page, filter options) run by a static data router, and the page component rendered to HTML — as a
// ratio to the bare SQL of what the page shows (its page of rows and its counts, hand-written, under the same
// row-level security), measured turn about in the same run. The plans of the page and count queries are printed.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { Theme } from "@radix-ui/themes";
import { eq, sql } from "drizzle-orm";
import { selectRows } from "../../db/client";
import * as s from "../../db/schema";
import { seedDemoData } from "../../db/seed";
import { withTenant } from "../../db/tenant";
import { installDatabaseHandle } from "../../app/db.server";
import { HOSPITAL_SITE_LIST, queueById } from "../../app/queues";
import { loadFilterOptions, loadQueueCounts, loadQueuePage, pageIdsQuery, queueRowsQuery } from "../../app/queues.server";
import QueuesPage, { loader as queuesLoader } from "../../app/routes/_app.queues";
import type { TestDatabase } from "../support/database";
import { sessionCookie } from "../support/requests";
import { measure, measurePair, type Comparison } from "./harness";

const CASES = Number(process.env.BENCH_QUEUE_CASES ?? 100_000);
const TODAY = "2026-11-22";

const planText = (rows: Record<string, unknown>[]) => rows.map((row) => String(Object.values(row)[0])).join("\n");
/** The scans in a plan, one line each ("Index Scan using authorization_cases_assignee_idx on authorization_cases"). */
const scans = (plan: string) => [
  ...new Set(plan.split("\n").flatMap((line) => /((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan|Seq Scan)(?: Backward)?(?: using \w+)? on \w+)/.exec(line)?.[1] ?? [])),
];

export async function benchQueues(database: TestDatabase, log: (line: string) => void): Promise<Comparison[]> {
  const { db } = database;
  const started = performance.now();
  await seedDemoData(db, { today: TODAY, passwordHash: "bench" });
  const [coordinator] = await db.select().from(s.users).where(eq(s.users.email, "coordinator@riverside.example"));
  const [membership] = await db.select().from(s.memberships).where(eq(s.memberships.userId, coordinator!.id));
  const viewer = { organizationId: membership!.organizationId, userId: coordinator!.id };

  // Copies of the demo organization's cases (and their lines) up to CASES, deadlines spread over the copies.
  const [demo] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from authorization_cases where organization_id = ${viewer.organizationId}`);
  const copies = Math.ceil((CASES - demo!.n) / demo!.n);
  const copyId = (id: ReturnType<typeof sql>) => sql`md5(${id}::text || '-' || g)::uuid`;
  await db.execute(sql`
    insert into authorization_cases (id, organization_id, case_number, patient_id, coverage_id, payer_id, plan_id, regimen_id, facility_id,
      ordering_provider_id, status, certification_type, urgency, unit_type, requested_site_of_care, authorized_site_of_care, site_of_care_exception,
      authorization_number, payer_reference, requested_from, requested_to, effective_from, effective_to, requested_quantity,
      authorized_quantity, used_quantity, next_deadline_at, next_deadline_kind, next_deadline_rule, assignee_id, tags, version, last_event_at, created_at, updated_at)
    select ${copyId(sql`id`)}, organization_id, 'BULK-' || g || '-' || case_number, patient_id, coverage_id, payer_id, plan_id, regimen_id, facility_id,
      ordering_provider_id, status, certification_type, urgency, unit_type, requested_site_of_care, authorized_site_of_care, site_of_care_exception,
      authorization_number || '-' || g, payer_reference, requested_from, requested_to, effective_from, effective_to, requested_quantity,
      authorized_quantity, used_quantity,
      case when next_deadline_at is null then null else next_deadline_at + (g % 997) * interval '1 hour' end,
      next_deadline_kind, next_deadline_rule, assignee_id, tags, version, last_event_at, created_at, updated_at
    from authorization_cases, generate_series(1, ${copies}::int) as g
    where organization_id = ${viewer.organizationId}
    limit ${CASES - demo!.n}`);
  await db.execute(sql`
    insert into authorization_lines (organization_id, case_id, line_number, hcpcs, drug_id, ndc11, dose_value, dose_unit, dose_basis, units_per_dose,
      administration_codes, requested_units, requested_visits, authorized_units, authorized_visits, created_at)
    select l.organization_id, ${copyId(sql`l.case_id`)}, l.line_number, l.hcpcs, l.drug_id, l.ndc11, l.dose_value, l.dose_unit, l.dose_basis, l.units_per_dose,
      l.administration_codes, l.requested_units, l.requested_visits, l.authorized_units, l.authorized_visits, l.created_at
    from authorization_lines l, generate_series(1, ${copies}::int) as g
    where l.organization_id = ${viewer.organizationId} and exists (select 1 from authorization_cases c where c.id = ${copyId(sql`l.case_id`)})`);
  await db.execute(sql`vacuum analyze`);
  const [counted] = await selectRows<{ cases: number; mine: number }>(
    db,
    sql`select count(*)::int as cases, count(*) filter (where assignee_id = ${viewer.userId})::int as mine from authorization_cases where organization_id = ${viewer.organizationId}`,
  );
  log(`  ${counted!.cases.toLocaleString("en-US")} cases (${counted!.mine.toLocaleString("en-US")} assigned to the coordinator), loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const myWork = queueById("my-work")!;
  const now = new Date();
  const tenant = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(db, viewer.organizationId, work);

  // The bare SQL of what the page shows: its first page of rows, hand-joined, and the counts of every queue.
  const barePage = sql`
    select c.id, c.case_number, c.status, p.first_name, p.last_name, p.mrn, y.name as payer_name, l.hcpcs, d.short_name, l.dose_value, l.dose_unit,
      c.unit_type, c.authorization_number, c.next_deadline_at, c.next_deadline_kind, c.requested_quantity, c.authorized_quantity, c.used_quantity,
      c.assignee_id, u.name as assignee_name, c.last_event_at
    from authorization_cases c
    join patients p on p.id = c.patient_id
    join payers y on y.id = c.payer_id
    left join authorization_lines l on l.case_id = c.id and l.line_number = 1
    left join drugs d on d.id = l.drug_id
    left join users u on u.id = c.assignee_id
    where c.organization_id = ${viewer.organizationId} and c.assignee_id = ${viewer.userId}
    order by c.next_deadline_at asc nulls last, c.id asc
    limit 26`;
  const bareCounts = sql`
    select status, coalesce(assignee_id = ${viewer.userId}, false) as mine, certification_type = 'revised' as revised,
      (requested_site_of_care in (${sql.join(
        HOSPITAL_SITE_LIST.map((site) => sql`${site}`),
        sql`, `,
      )}) or site_of_care_exception is not null) as hospital, count(*)
    from authorization_cases where organization_id = ${viewer.organizationId} group by 1, 2, 3, 4`;
  const bare = () =>
    tenant(async (tx) => {
      await tx.execute(barePage);
      await tx.execute(bareCounts);
    });

  // The route as Remix serves it: the loader behind a data router, then the page rendered inside the app's theme.
  const cookie = await sessionCookie(viewer);
  const handler = createStaticHandler([{ id: "routes/_app.queues", path: "/queues", loader: ({ request, params }) => queuesLoader({ request, params, context: {} }), Component: QueuesPage }]);
  const render = async () => {
    const context = await handler.query(new Request("http://localhost/queues?queue=my-work", { headers: { Cookie: cookie } }));
    if (context instanceof Response) throw new Error(`queues bench: the loader answered ${context.status}`);
    if (context.errors) throw new Error(`queues bench: the loader failed: ${JSON.stringify(context.errors)}`);
    const router = createStaticRouter(handler.dataRoutes, context);
    return renderToString(createElement(Theme, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
  };
  installDatabaseHandle(database);
  try {
    const html = await render();
    const shown = (html.match(/<tr/g) ?? []).length - 1;
    if (shown < Math.min(25, counted!.mine)) throw new Error(`queues bench: the page shows ${shown} rows, expected ${Math.min(25, counted!.mine)}`);
    log(`  My work page: ${shown} rows, ${(html.length / 1024).toFixed(0)} KiB of HTML`);

    const idsPlan = await tenant(async (tx) => planText(await selectRows(tx, sql`explain ${pageIdsQuery(myWork, {}, viewer, now, undefined, 26)}`)));
    const rowIds = (await tenant((tx) => selectRows<{ id: string }>(tx, pageIdsQuery(myWork, {}, viewer, now, undefined, 26)))).map((r) => r.id);
    const rowsPlan = await tenant(async (tx) => planText(await selectRows(tx, sql`explain ${queueRowsQuery(tx, rowIds).getSQL()}`)));
    const countsPlan = await tenant(async (tx) => planText(await selectRows(tx, sql`explain ${bareCounts}`)));
    log(`  plan, My work page ids: ${scans(idsPlan).join("; ")}`);
    log(`  plan, page rows: ${scans(rowsPlan).join("; ")}`);
    log(`  plan, queue counts: ${scans(countsPlan).join("; ")}`);
    if (process.env.BENCH_VERBOSE) log([idsPlan, rowsPlan, countsPlan].join("\n\n"));
    // At 100k cases on Postgres a sequential scan is a regression; on PGlite or smaller data it can be the cheaper plan.
    if (/Seq Scan on authorization_cases/.test(idsPlan + rowsPlan) && database.kind === "postgres" && counted!.cases >= 100_000) throw new Error(`queues bench: the My work page scans authorization_cases sequentially:\n${idsPlan}\n${rowsPlan}`);

    // Where the route's time goes, for the record (each part alone, median of 10).
    const part = async (name: string, run: () => unknown) => `${name} ${(await measure(name, run, { runs: 10, warmup: 2 })).medianMs.toFixed(1)} ms`;
    const request = () => new Request("http://localhost/queues?queue=my-work", { headers: { Cookie: cookie } });
    const context = await handler.query(request());
    if (context instanceof Response) throw new Error("queues bench: the loader redirected");
    const parts = [
      await part("counts", () => loadQueueCounts(viewer)),
      await part("page", () => loadQueuePage(myWork, {}, viewer, now)),
      await part("filter options", () => loadFilterOptions(viewer.organizationId)),
      await part("whole loader", () => handler.query(request())),
      await part("render only", () => renderToString(createElement(Theme, null, createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false })))),
    ];
    log(`  route parts: ${parts.join(", ")}`);

    const [baseline, candidate] = await measurePair({ name: "bare SQL: page + counts", run: bare }, { name: "loader + render to HTML", run: render }, { runs: 30, warmup: 3 });
    return [{ benchmark: `My work queue at ${counted!.cases.toLocaleString("en-US")} cases`, baseline, candidate, target: 2 }];
  } finally {
    installDatabaseHandle(undefined);
  }
}
