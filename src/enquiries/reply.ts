/**
 * The reply to a family, drafted from templates in the enquirer's language. This file is meant to
 * be read by the bureau's lawyer: what a reply may say is decided here, in `replyContent`, and the
 * words are the templates below it. The tracer edits the draft before it is sent; what the draft
 * left out, and why, is kept beside it (`withheld`).
 *
 * The rules (RFL Code of Conduct; ICRC Data Protection Handbook, ch. on RFL; GC III Art. 122):
 * 1. Without the enquirer's consent to use their data the bureau does not trace: the reply only
 *    acknowledges the enquiry and asks for that consent.
 * 2. With it, the reply says where the search stands: still sought, captivity indicated or
 *    confirmed, returned, found, and the date last known.
 * 3. A place of detention is said only when the enquirer agreed that the ICRC may take part (the
 *    channel through which places of detention are confirmed and passed to families) and the
 *    tracer's role may read family particulars. Otherwise it is left out and named as withheld.
 * 4. A death is never told in a letter: the reply says an officer will contact the family in
 *    person, and the tracer does so.
 */
export type ReplyLanguage = 'uk' | 'en' | 'ru'

export type ReplyFacts = {
  language: ReplyLanguage
  enquiryNumber: number
  receivedOn: string
  enquirerName: string
  /** the sought person's name as the register writes it */
  sought: string
  consent: { use: boolean; shareIcrc: boolean }
  status: 'missing' | 'returned' | 'dead' | 'found'
  captivity: 'none' | 'indicated' | 'confirmed'
  /** the date of the latest thing known of the person */
  lastKnownOn: string | null
  /** the place of detention last known, from the register or a confirmed candidate */
  facility: string | null
  /** may the drafting tracer's role read family particulars (particulars.read) */
  roleMayShowFacility: boolean
}

export type Situation =
  | 'no_consent'
  | 'sought'
  | 'captivity_indicated'
  | 'captivity_confirmed'
  | 'returned'
  | 'found'
  | 'death_in_person'

export type ReplyContent = {
  situation: Situation
  lastKnownOn: string | null
  facility: string | null
  /** what the draft leaves out and why: 'search: no consent to use', 'facility: consent', 'facility: role' */
  withheld: string[]
}

/** What the reply may say under the consent given and the tracer's role (the rules above). */
export function replyContent(f: ReplyFacts): ReplyContent {
  if (!f.consent.use)
    return {
      situation: 'no_consent',
      lastKnownOn: null,
      facility: null,
      withheld: ['search: no consent to use'],
    }
  const situation: Situation =
    f.status === 'dead'
      ? 'death_in_person'
      : f.status === 'returned'
        ? 'returned'
        : f.status === 'found'
          ? 'found'
          : f.captivity === 'confirmed'
            ? 'captivity_confirmed'
            : f.captivity === 'indicated'
              ? 'captivity_indicated'
              : 'sought'
  const withheld: string[] = []
  let facility: string | null = null
  if (f.facility && situation === 'captivity_confirmed') {
    if (!f.consent.shareIcrc) withheld.push('facility: consent')
    else if (!f.roleMayShowFacility) withheld.push('facility: role')
    else facility = f.facility
  }
  return { situation, lastKnownOn: f.lastKnownOn, facility, withheld }
}

type Words = {
  greeting: (name: string) => string
  about: (n: number, on: string, sought: string) => string
  situation: Record<Situation, (sought: string, on: string | null) => string>
  facility: (place: string) => string
  closing: string
  signature: string
}

const date = (iso: string | null, lang: ReplyLanguage) => {
  if (!iso) return ''
  const [y, m, d] = iso.split('-')
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`
}

const TEMPLATES: Record<ReplyLanguage, Words> = {
  uk: {
    greeting: (name) => `Шановна/Шановний ${name}!`,
    about: (n, on, sought) => `Відповідаємо на Ваш запит № ${n} від ${on} щодо ${sought}.`,
    situation: {
      no_consent: () =>
        'Ми не можемо розпочати пошук без Вашої згоди на використання наданих даних. Просимо надати таку згоду зручним для Вас способом.',
      sought: (s, on) =>
        `${s} перебуває в розшуку. Нових відомостей наразі немає${on ? `; останні відомості датовані ${on}` : ''}.`,
      captivity_indicated: (s, on) =>
        `Є ознаки того, що ${s} перебуває в полоні${on ? ` (відомості від ${on})` : ''}; це ще не підтверджено. Пошук триває.`,
      captivity_confirmed: (s, on) =>
        `Перебування ${s} в полоні підтверджено${on ? ` (відомості від ${on})` : ''}.`,
      returned: (s, on) => `${s} повернувся/повернулася додому${on ? ` ${on}` : ''}.`,
      found: (s, on) => `${s} знайдено${on ? ` (${on})` : ''}.`,
      death_in_person: () =>
        'Ми отримали відомості, які повинні повідомити Вам особисто. Наш працівник зв’яжеться з Вами найближчим часом.',
    },
    facility: (place) => `Останнє відоме місце утримання: ${place}.`,
    closing: 'Ми продовжуємо пошук і повідомимо Вас, щойно дізнаємося більше.',
    signature: 'Національне інформаційне бюро',
  },
  en: {
    greeting: (name) => `Dear ${name},`,
    about: (n, on, sought) => `We are replying to your enquiry No. ${n} of ${on} about ${sought}.`,
    situation: {
      no_consent: () =>
        'We cannot begin to search without your consent to use the information you gave us. Please give that consent in any way convenient to you.',
      sought: (s, on) =>
        `${s} is being sought. There is no new information yet${on ? `; the latest dates from ${on}` : ''}.`,
      captivity_indicated: (s, on) =>
        `There are indications that ${s} is held captive${on ? ` (information of ${on})` : ''}; this is not yet confirmed. The search continues.`,
      captivity_confirmed: (s, on) =>
        `It is confirmed that ${s} is held captive${on ? ` (information of ${on})` : ''}.`,
      returned: (s, on) => `${s} has come home${on ? ` on ${on}` : ''}.`,
      found: (s, on) => `${s} has been found${on ? ` (${on})` : ''}.`,
      death_in_person: () =>
        'We have received information that we must give you in person. One of our officers will contact you shortly.',
    },
    facility: (place) => `Last known place of detention: ${place}.`,
    closing: 'We continue the search and will write to you as soon as we learn more.',
    signature: 'National Information Bureau',
  },
  ru: {
    greeting: (name) => `Уважаемая/Уважаемый ${name}!`,
    about: (n, on, sought) => `Отвечаем на Ваш запрос № ${n} от ${on} относительно ${sought}.`,
    situation: {
      no_consent: () =>
        'Мы не можем начать поиск без Вашего согласия на использование предоставленных данных. Просим дать такое согласие удобным для Вас способом.',
      sought: (s, on) =>
        `${s} находится в розыске. Новых сведений пока нет${on ? `; последние сведения датированы ${on}` : ''}.`,
      captivity_indicated: (s, on) =>
        `Есть признаки того, что ${s} находится в плену${on ? ` (сведения от ${on})` : ''}; это ещё не подтверждено. Поиск продолжается.`,
      captivity_confirmed: (s, on) =>
        `Нахождение ${s} в плену подтверждено${on ? ` (сведения от ${on})` : ''}.`,
      returned: (s, on) => `${s} вернулся/вернулась домой${on ? ` ${on}` : ''}.`,
      found: (s, on) => `${s} найден(а)${on ? ` (${on})` : ''}.`,
      death_in_person: () =>
        'Мы получили сведения, которые должны сообщить Вам лично. Наш сотрудник свяжется с Вами в ближайшее время.',
    },
    facility: (place) => `Последнее известное место содержания: ${place}.`,
    closing: 'Мы продолжаем поиск и сообщим Вам, как только узнаем больше.',
    signature: 'Национальное информационное бюро',
  },
}

/** The draft: the text in the enquirer's language and what it left out. */
export function draftReply(f: ReplyFacts): { body: string; withheld: string[] } {
  const c = replyContent(f)
  const w = TEMPLATES[f.language]
  const lines = [
    w.greeting(f.enquirerName),
    '',
    w.about(f.enquiryNumber, date(f.receivedOn, f.language), f.sought),
    w.situation[c.situation](f.sought, date(c.lastKnownOn, f.language) || null),
  ]
  if (c.facility) lines.push(w.facility(c.facility))
  if (c.situation !== 'death_in_person' && c.situation !== 'returned' && c.situation !== 'found')
    lines.push(w.closing)
  lines.push('', w.signature)
  return { body: lines.join('\n'), withheld: c.withheld }
}
