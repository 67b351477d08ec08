import { diffRounds } from '../rounds'
import * as store from '../store'
import { type ExchangeDeps, load } from './deps'
import { presentExchange } from './present'

/** The exchanges' reads: the list, one exchange with its counts, its rounds with their differences. */
export function exchangeQueries({ db }: ExchangeDeps) {
  return {
    listExchanges: async () => (await store.listExchanges(db)).map(presentExchange),

    async getExchange(id: string) {
      const e = await load(db, id)
      const [give, receive, rounds] = await Promise.all([
        store.poolOf(db, id, 'give'),
        store.poolOf(db, id, 'receive'),
        store.roundsOf(db, id),
      ])
      return { ...presentExchange(e), annotated: give.length, sought: receive.length, rounds: rounds.length }
    },

    async rounds(id: string) {
      await load(db, id)
      const rounds = await store.roundsOf(db, id)
      return rounds.map((r, k) => ({
        n: r.n,
        kind: r.kind,
        give: r.give as string[],
        receive: r.receive as string[],
        detail: r.detail,
        createdAt: r.created_at,
        difference:
          k === 0
            ? null
            : diffRounds(
                { give: rounds[k - 1]!.give as string[], receive: rounds[k - 1]!.receive as string[] },
                { give: r.give as string[], receive: r.receive as string[] },
              ),
      }))
    },
  }
}
