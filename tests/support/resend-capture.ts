// A stand-in for the Resend API on 127.0.0.1: records every POST /emails (headers and JSON body) and answers like
// Resend, including idempotency (the same Idempotency-Key returns the first message id and sends nothing new).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface SentEmail {
  id: string;
  idempotencyKey?: string;
  body: Record<string, unknown>;
}

export interface ResendCapture {
  /** Base URL to give the SDK (RESEND_BASE_URL). */
  url: string;
  /** Every request, retries included. */
  requests: CapturedRequest[];
  /** Emails actually "sent": one per idempotency key. */
  sent: SentEmail[];
  /** Answer the next n POST /emails with this status (to test retries). */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

export async function startResendCapture(): Promise<ResendCapture> {
  const requests: CapturedRequest[] = [];
  const sent: SentEmail[] = [];
  const byKey = new Map<string, SentEmail>();
  let failures = 0;
  let failureStatus = 500;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = { raw };
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "capture server only knows POST /emails" });
      if (!/^Bearer re_/.test(req.headers.authorization ?? "")) return reply(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
      if (failures > 0) {
        failures--;
        return reply(failureStatus, { statusCode: failureStatus, name: "internal_server_error", message: "capture server: injected failure" });
      }
      const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : undefined;
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return reply(200, { id: existing.id });
      const email: SentEmail = { id: randomUUID(), ...(key ? { idempotencyKey: key } : {}), body };
      sent.push(email);
      if (key) byKey.set(key, email);
      return reply(200, { id: email.id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    failNext(n, status = 500) {
      failures = n;
      failureStatus = status;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
