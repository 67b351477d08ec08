import type { Actor } from '../../auth/actor'
import { notFound } from '../../core/errors'
import { presentPerson } from '../present'
import { type CustodyDeps, entry } from './deps'

/**
 * Reads one person's record; the read itself is written to the audit trail, because who looked
 * at a prisoner's file is part of accountability.
 * @throws DomainError NOT_FOUND
 */
export function getPerson({ store, write }: CustodyDeps) {
  return async (actor: Actor, id: string) =>
    write(async ({ tx }) => {
      const row = await store.findPerson(tx, id)
      if (!row) throw notFound('Person', id)
      return { result: presentPerson(row), audit: [entry(actor, 'person.read', 'person', id, null, null)] }
    })
}
