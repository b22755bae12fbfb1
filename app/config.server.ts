// One zod schema over the environment. A bad value stops the boot with every problem listed at once.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const DEV_SESSION_SECRET = "infusion-pa-development-only-session-secret";

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0, "expected a port number (0 picks a free one)").max(65535, "expected a port number up to 65535").default(3000),
    HOST: z.string().default("0.0.0.0"),
    APP_URL: optionalString.pipe(z.url({ message: "expected an absolute URL such as https://pa.example.org" }).optional()),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// connection URL")
        .optional(),
    ),
    PGLITE_DIR: z.string().default("./.data/pglite"),
    SESSION_SECRET: optionalString.pipe(z.string().min(32, "expected at least 32 characters").optional()),
    TEMPORAL_ADDRESS: optionalString.pipe(
      z
        .string()
        .regex(/^[\w.-]+:\d+$/, "expected host:port, e.g. localhost:7233")
        .optional(),
    ),
    TEMPORAL_NAMESPACE: z.string().default("default"),
    TEMPORAL_TASK_QUEUE: z.string().default("infusion-pa"),
    RESEND_API_KEY: optionalString.pipe(z.string().startsWith("re_", "expected a Resend API key (re_…)").optional()),
    RESEND_BASE_URL: optionalString.pipe(z.url({ message: "expected an absolute URL" }).optional()),
    EMAIL_FROM: optionalString.pipe(z.string().regex(/^(.+<)?[^@\s<>]+@[^@\s<>]+>?$/, 'expected an address like "Infusion PA <pa@example.org>"').optional()),
    DOCUMENTS_DIR: optionalString,
    DEMO_SEED: z.enum(["auto", "never"]).default("auto"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "required in production (at least 32 random characters)" });
    }
    if (env.RESEND_API_KEY && !env.EMAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["EMAIL_FROM"], message: "required when RESEND_API_KEY is set" });
    }
  })
  .transform((env) => ({
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    usingDevelopmentSessionSecret: !env.SESSION_SECRET,
  }));

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; throws a ConfigError naming every bad variable and what was expected. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
}

let cached: Config | undefined;

/** The process configuration. In a CLI or server entry point, a bad environment exits with the list of problems. */
export function loadConfig(): Config {
  if (cached) return cached;
  try {
    cached = parseConfig(process.env);
    return cached;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
