// The Temporal lifecycle engine (when TEMPORAL_ADDRESS is set): one `authorization-case:{caseId}` workflow per
// case. Commands go through update-with-start (the workflow is created on first use, reused after), reads
// through a query. One lazily connected client per process.
import { randomUUID } from "node:crypto";
import {
  Client,
  Connection,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import { DOMAIN_ERROR_CODES, domainError, type CaseState, type DomainError, type DomainErrorCode } from "../authorizations";
import type { Database } from "../../db/client";
import { withTenant } from "../../db/tenant";
import { syncCaseLedger } from "./ledger.server";
import type { CommandOutcome, CommandRequest, LifecycleEngine } from "./port";
import { authorizationCase, caseState, caseWorkflowId, executeCommand } from "../../workflows/authorization-case";

export interface TemporalEngineOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Needed only for `syncLedger`, which rebuilds the ledger from Postgres and then tells the case. */
  db: Database;
  /** The time a command is issued at (tests pass a virtual clock); deadlines fire on the workflow's timers. */
  clock?: () => Date;
  /** An existing client (tests); otherwise one is connected lazily to `address`. */
  client?: Client;
}

const isDomainCode = (code: string | undefined): code is DomainErrorCode => !!code && (DOMAIN_ERROR_CODES as readonly string[]).includes(code);

/** An update the validator refused (or a failure inside it) as the port's domain error. */
export function refusalOf(error: unknown): CommandOutcome | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && isDomainCode(cause.type ?? undefined)) {
    const [detail] = (cause.details ?? []) as (DomainError | undefined)[];
    return { ok: false, error: detail && detail.code === cause.type ? detail : domainError(cause.type as DomainErrorCode, cause.message) };
  }
  return undefined;
}

export class TemporalEngine implements LifecycleEngine {
  readonly kind = "temporal" as const;
  private client: Promise<Client> | undefined;
  private connection: Connection | undefined;

  private readonly clock: () => Date;

  constructor(private readonly options: TemporalEngineOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  private temporal(): Promise<Client> {
    if (this.options.client) return Promise.resolve(this.options.client);
    this.client ??= Connection.connect({ address: this.options.address }).then(
      (connection) => {
        this.connection = connection;
        return new Client({ connection, namespace: this.options.namespace });
      },
      (error: unknown) => {
        this.client = undefined;
        throw new Error(`Could not reach the Temporal server at ${this.options.address} (is \`temporal server start-dev\` running?)`, { cause: error });
      },
    );
    return this.client;
  }

  async execute(request: CommandRequest): Promise<CommandOutcome> {
    const raw = request.command as { type?: unknown; caseId?: unknown } | null;
    // The case id names the workflow, so a new case gets its id here rather than in the store.
    const command = raw && typeof raw === "object" && raw.type === "create-case" && !raw.caseId ? { ...raw, caseId: randomUUID() } : raw;
    const caseId = command && typeof command === "object" && typeof command.caseId === "string" ? command.caseId : undefined;
    if (!caseId) return { ok: false, error: domainError("INVALID_COMMAND", "A command needs the id of its case.") };
    const client = await this.temporal();
    const workflowId = caseWorkflowId(caseId);
    // One id per command, used as the Update id: the server answers a retried update-with-start with the first
    // Update's outcome, and the activity finds the command's events by it (authorization_events.command_id).
    const commandId = request.commandId ?? randomUUID();
    const startWorkflowOperation = new WithStartWorkflowOperation(authorizationCase, {
      workflowId,
      taskQueue: this.options.taskQueue,
      args: [{ organizationId: request.organizationId, caseId }],
      workflowIdConflictPolicy: "USE_EXISTING",
    });
    try {
      const reply = await client.workflow.executeUpdateWithStart(executeCommand, {
        args: [{ organizationId: request.organizationId, command, ...(request.actor ? { actor: request.actor } : {}), issuedAt: this.clock().toISOString(), commandId }],
        updateId: commandId,
        startWorkflowOperation,
      });
      return reply;
    } catch (error) {
      const refused = refusalOf(error);
      if (refused) return refused;
      throw error;
    }
  }

  async readCase(organizationId: string, caseId: string): Promise<CaseState | undefined> {
    const client = await this.temporal();
    try {
      return await client.workflow.getHandle(caseWorkflowId(caseId)).query(caseState, organizationId);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async syncLedger(organizationId: string, caseId: string) {
    const now = this.clock();
    const result = await withTenant(this.options.db, organizationId, (tx) => syncCaseLedger(tx, { organizationId, caseId, now }));
    return { entriesWritten: result.entriesWritten, problems: result.problems };
  }

  async close() {
    this.client = undefined;
    await this.connection?.close();
    this.connection = undefined;
  }
}
