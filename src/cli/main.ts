import { Command } from 'commander'
import { COMMANDS } from './commands'
import { exitCodeFor, reportError } from './exit-codes'

/** Builds the `parley` program; each capability adds its commands in `commands/`. */
export function buildProgram(): Command {
  const program = new Command()
  program.name('parley').description('Parley: information bureau and exchange desk').showHelpAfterError()
  for (const register of COMMANDS) register(program)
  return program
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    reportError(error)
    process.exitCode = exitCodeFor(error)
  }
}
