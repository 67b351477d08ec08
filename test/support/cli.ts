import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type CliResult = { code: number; stdout: string; stderr: string }

/**
 * Runs `parley ARGS` as an operator would, on the PGlite data folder `dataDir` (never on the
 * server's database, even when the suite runs with DATABASE_URL). A refusal is an answer, not a
 * throw: its exit code and output are returned for the test to read.
 */
export async function runParley(dataDir: string, args: string[], timeout = 900_000): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'silent' }
  delete env.DATABASE_URL
  try {
    const { stdout, stderr } = await run('node', ['bin/parley.js', ...args], { env, timeout })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as CliResult
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}
