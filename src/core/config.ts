import path from 'node:path'
import { z } from 'zod'

/**
 * The whole configuration, read once from the environment by `loadConfig` and passed down.
 * Nothing else in the code reads `process.env`.
 */
const Env = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'PostgreSQL server URL; when absent Parley uses an embedded PGlite database in PARLEY_DATA_DIR',
    ),
  PARLEY_DATA_DIR: z
    .string()
    .default('./.parley')
    .describe('Folder of the embedded database and local files'),
  PARLEY_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(4280)
    .describe('HTTP port of the API and web app (0: any free port)'),
  PARLEY_HOST: z.string().default('127.0.0.1').describe('Interface the server listens on'),
  PARLEY_PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .describe('URL users reach the server at (for cookies and CSRF checks)'),
  PARLEY_INSECURE_HTTP: z
    .enum(['0', '1'])
    .default('0')
    .describe(
      'Set to 1 to serve a public URL on plain http (a local test only): the session cookie then lacks Secure. http://localhost and 127.0.0.1 need no setting',
    ),
  PARLEY_SESSION_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe(
      'Secret that signs session cookies; required in production, generated into the data folder otherwise',
    ),
  PARLEY_MIGRATION_DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'PostgreSQL URL of the role that owns the tables, used only to run migrations; DATABASE_URL is then the application role, which cannot alter or empty the audit table',
    ),
  PARLEY_AUDIT_KEY_FILE: z
    .string()
    .optional()
    .describe(
      'Ed25519 key that signs audit checkpoints (made on first start, mode 0600); default DATA_DIR/audit/signing-key.pem',
    ),
  PARLEY_AUDIT_CHECKPOINT_FILE: z
    .string()
    .optional()
    .describe('Append-only file of signed audit checkpoints; default checkpoints.jsonl beside the key'),
  PARLEY_AUDIT_CHECKPOINT_EVERY: z.coerce
    .number()
    .int()
    .min(1)
    .default(1000)
    .describe('The server signs a checkpoint after this many new audit entries'),
  PARLEY_AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .min(0.01)
    .default(10)
    .describe('... or after this many minutes when any entry was added'),
  PARLEY_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024)
    .describe('Largest request body in bytes (JSON); larger is refused with 413'),
  PARLEY_UPLOAD_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024)
    .describe(
      'Largest uploaded file in bytes (a list as CSV, XLSX or JSON lines); larger is refused with 413',
    ),
  PARLEY_WORKERS: z
    .enum(['internal', 'external'])
    .default('internal')
    .describe(
      'internal: the server runs jobs (linkage, dedupe...) itself too; external: only `parley worker` processes run them, the server none',
    ),
  PARLEY_JOB_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(30)
    .describe(
      'A running job whose worker gave no sign of life for this long (killed, machine gone) is taken up again by another',
    ),
  PARLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; migrationUrl?: string }

/** The files that anchor the audit chain outside the database, and how often the server signs. */
export type AuditAnchorConfig = {
  keyFile: string
  checkpointFile: string
  everyEntries: number
  everyMinutes: number
}

export type Config = {
  database: DatabaseConfig
  dataDir: string
  http: {
    port: number
    host: string
    publicUrl: string
    bodyLimit: number
    uploadLimit: number
    /** Why the session cookie lacks Secure (plain http allowed), or null: Secure. */
    plainHttp: string | null
  }
  sessionSecret: string | undefined
  audit: AuditAnchorConfig
  jobs: { workers: 'internal' | 'external'; leaseSeconds: number }
  logLevel: z.infer<typeof Env>['PARLEY_LOG_LEVEL']
  isProduction: boolean
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const e = parsed.data
  const isProduction = e.NODE_ENV === 'production'
  if (isProduction && !e.PARLEY_SESSION_SECRET) {
    throw new Error('Invalid configuration:\n  PARLEY_SESSION_SECRET: required when NODE_ENV=production')
  }
  const dataDir = path.resolve(e.PARLEY_DATA_DIR)
  const publicUrl = e.PARLEY_PUBLIC_URL ?? `http://localhost:${e.PARLEY_PORT}`
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, migrationUrl: e.PARLEY_MIGRATION_DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'db') },
    dataDir,
    http: {
      port: e.PARLEY_PORT,
      host: e.PARLEY_HOST,
      publicUrl,
      bodyLimit: e.PARLEY_BODY_LIMIT,
      uploadLimit: e.PARLEY_UPLOAD_LIMIT,
      plainHttp: plainHttp(publicUrl, e.PARLEY_INSECURE_HTTP === '1'),
    },
    sessionSecret: e.PARLEY_SESSION_SECRET,
    audit: auditAnchorConfig(e, dataDir),
    jobs: { workers: e.PARLEY_WORKERS, leaseSeconds: e.PARLEY_JOB_LEASE_SECONDS },
    logLevel: e.PARLEY_LOG_LEVEL,
    isProduction,
  }
}

/**
 * The session cookie is Secure (https only) unless the public URL is plain http on this machine
 * (no one between browser and server to read it) or PARLEY_INSECURE_HTTP=1 says so. Plain http to
 * another host without the setting is refused: the browser would drop the Secure cookie and
 * sign-in would fail without a word.
 */
function plainHttp(publicUrl: string, allowed: boolean): string | null {
  const url = new URL(publicUrl)
  if (url.protocol !== 'http:') return null
  if (['localhost', '[::1]'].includes(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname))
    return `${url.origin} is this machine`
  if (allowed) return 'PARLEY_INSECURE_HTTP=1'
  throw new Error(
    `Invalid configuration:\n  PARLEY_PUBLIC_URL: ${url.origin} is plain http to another machine; session cookies are sent over https only. Serve Parley behind https, or set PARLEY_INSECURE_HTTP=1 for a local test`,
  )
}

function auditAnchorConfig(e: z.infer<typeof Env>, dataDir: string): AuditAnchorConfig {
  const keyFile = path.resolve(e.PARLEY_AUDIT_KEY_FILE ?? path.join(dataDir, 'audit', 'signing-key.pem'))
  return {
    keyFile,
    checkpointFile: path.resolve(
      e.PARLEY_AUDIT_CHECKPOINT_FILE ?? path.join(path.dirname(keyFile), 'checkpoints.jsonl'),
    ),
    everyEntries: e.PARLEY_AUDIT_CHECKPOINT_EVERY,
    everyMinutes: e.PARLEY_AUDIT_CHECKPOINT_MINUTES,
  }
}
