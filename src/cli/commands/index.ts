import type { Command } from 'commander'
import { registerExchangeCommands } from '../../exchange/cli'
import { registerGenerateCommands } from '../../generate/cli'
import { registerLinkageCommands } from '../../linkage/cli'
import { registerNameCommands } from '../../names/cli'
import { registerAuditCommands } from './audit'
import { registerFoundationCommands } from './register'

/** Every command group of the `parley` program. Each capability owns one file here. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerFoundationCommands,
  registerAuditCommands,
  registerGenerateCommands,
  registerNameCommands,
  registerLinkageCommands,
  registerExchangeCommands,
]
