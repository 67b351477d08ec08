import { diffRounds } from '../rounds'
import * as store from '../store'
import * as lists from '../store-lists'
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
      const [rounds, pairs] = await Promise.all([store.roundsOf(db, id), lists.pairingsOf(db, id)])
      // substitutions only where paired (the operator or their list), never by list order
      const pairsOf = (n: number) =>
        pairs
          .filter((p) => p.n === n)
          .map((p) => ({ side: p.side, out: p.out_ref, in: p.in_ref, source: p.source }))
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
                pairsOf(r.n),
              ),
      }))
    },
  }
}
