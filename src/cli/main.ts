import { Command, CommanderError } from 'commander'
import { GROUPS, groupOf } from './commands'
import { EXIT_USAGE, exitCodeFor, reportError } from './exit-codes'

/**
 * Builds the `parley` program. Only the group that owns `run` (a top-level command name) is
 * loaded; the others appear by name and description, which is all `--help` needs. Loading every
 * group would import the server, the database, the linkage engine and the planner on every run.
 */
export async function buildProgram(run?: string): Promise<Command> {
  const program = new Command()
  program
    .name('parley')
    .description('Parley: information bureau and exchange desk')
    .showHelpAfterError()
    // commander's own exits (help, usage mistakes) become errors that main() maps to exit codes;
    // subcommands inherit this when they are created
    .exitOverride()
  const wanted = groupOf(run)
  for (const group of GROUPS) {
    if (group === wanted) (await group.load())(program)
    else
      for (const [name, description] of Object.entries(group.commands))
        program.command(name).description(description)
  }
  return program
}

/** The top-level command a command line runs: `parley names key X` and `parley help names` both name `names`. */
export function commandNamed(args: string[]): string | undefined {
  const [first, second] = args
  return first === 'help' ? second : first
}

export async function main(argv: string[]): Promise<void> {
  try {
    const program = await buildProgram(commandNamed(argv.slice(2)))
    await program.parseAsync(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed the message and the usage; help and --version are no error
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE
      return
    }
    reportError(error)
    process.exitCode = exitCodeFor(error)
  }
}
