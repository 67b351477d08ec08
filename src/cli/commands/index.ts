import type { Command } from 'commander'

type Register = (program: Command) => void

/** A group of top-level commands that one module registers, loaded only when one of them runs. */
export type CommandGroup = {
  /** The top-level commands the group registers, each with the description `parley --help` shows. */
  commands: Record<string, string>
  load: () => Promise<Register>
}

/**
 * Every command group of the `parley` program. Each capability owns one module; its names and
 * descriptions are repeated here so `parley --help` loads none of them (test/cli/groups.test.ts
 * fails when this table and the modules disagree).
 */
export const GROUPS: CommandGroup[] = [
  {
    commands: {
      serve: 'Serve the API and the web app (creates the first admin on a new data folder)',
      migrate: 'Apply the database migrations and exit',
      user: 'Staff accounts',
      demo: 'Fill the register with fictitious persons made by the generator (for demonstrations)',
      import: 'Import records',
    },
    load: async () => (await import('./register')).registerFoundationCommands,
  },
  {
    commands: {
      audit: 'The audit trail and its signed checkpoints',
      check:
        "Recompute every person's status from their events; exit 3 naming each person whose stored state differs",
      'rebuild-state':
        "Rewrite each person's stored state from their events where it differs, with an audit entry each",
    },
    load: async () => (await import('./audit')).registerAuditCommands,
  },
  {
    commands: {
      'upgrade-data':
        'Convert the embedded database written by an older Parley (PostgreSQL 17) to this one (PostgreSQL 18), keeping the old folder as a backup',
    },
    load: async () => (await import('./upgrade-data')).registerUpgradeDataCommand,
  },
  {
    commands: {
      generate:
        'Write a fictitious register, counterpart list or register with duplicates, with ground truth',
    },
    load: async () => (await import('../../generate/cli')).registerGenerateCommands,
  },
  {
    commands: { names: 'Transliterate, key and compare names' },
    load: async () => (await import('../../names/cli')).registerNameCommands,
  },
  {
    commands: {
      link: 'Find the persons of one file (a list) in another (a register), across alphabets',
      dedupe: 'Find the records of one file that are one person, and group them',
    },
    load: async () => (await import('../../linkage/cli')).registerLinkageCommands,
  },
  {
    commands: { missing: 'The missing-persons register' },
    load: async () => (await import('../../missing/cli')).registerMissingCommands,
  },
  {
    commands: { enquiries: 'Family enquiries about our missing people' },
    load: async () => (await import('../../enquiries/cli')).registerEnquiryCommands,
  },
  {
    commands: { exchange: 'Exchanges: list, plan, import the lists of a round' },
    load: async () => (await import('../../exchange/cli')).registerExchangeCommands,
  },
  {
    commands: { lists: 'Received lists: import with provenance, show' },
    load: async () => (await import('../../lists/cli')).registerListCommands,
  },
  {
    commands: { notices: 'What the bureau owes the ICRC: notices, signed batch exports and their check' },
    load: async () => (await import('../../notices/cli')).registerNoticeCommands,
  },
  {
    commands: {
      worker: 'Run jobs (linkage, dedupe...) from the queue until stopped; servers then need none',
    },
    load: async () => (await import('./worker')).registerWorkerCommands,
  },
  {
    commands: {
      reconcile:
        'Reconcile a stored list with the missing-persons (or custody) register: a review queue and a summary',
    },
    load: async () => (await import('../../reconciliation/cli')).registerReconcileCommands,
  },
  {
    commands: {
      export: 'Write a list (register, fund, missing, enquiries, handover, dashboard) to XLSX, CSV or PDF',
    },
    load: async () => (await import('../../exports/cli')).registerExportCommands,
  },
  {
    commands: { report: 'Reports for the leadership: the monthly report as PDF' },
    load: async () => (await import('../../reports/cli')).registerReportCommands,
  },
]

/** The group that registers top-level command `name`, if any. */
export function groupOf(name: string | undefined): CommandGroup | undefined {
  return name === undefined ? undefined : GROUPS.find((g) => Object.hasOwn(g.commands, name))
}
