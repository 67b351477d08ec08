/**
 * The letter tables of the romanisation standards Parley uses, lower case, as the standards print
 * them. Context rules (word start, neighbouring letters) live in transliterate.ts.
 */

const COMMON: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  ж: 'zh',
  з: 'z',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ш: 'sh',
  щ: 'shch',
  ч: 'ch',
  ц: 'ts',
  х: 'kh',
}

/**
 * Ukrainian national transliteration, Cabinet of Ministers of Ukraine resolution No. 55 of
 * 27 January 2010; adopted unchanged by BGN/PCGN in 2019. Soft sign and apostrophe are not written.
 */
export const UK_2010 = {
  letters: {
    ...COMMON,
    г: 'h',
    ґ: 'g',
    е: 'e',
    є: 'ie',
    и: 'y',
    і: 'i',
    ї: 'i',
    й: 'i',
    ь: '',
    ю: 'iu',
    я: 'ia',
  },
  /** At the start of a word: є ї й ю я. */
  initial: { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' } as Record<string, string>,
}

/** ICAO Doc 9303 (7th edition, 2015), the machine-readable passport standard used in Russian passports. */
export const RU_ICAO = {
  letters: {
    ...COMMON,
    г: 'g',
    е: 'e',
    ё: 'e',
    и: 'i',
    й: 'i',
    ъ: 'ie',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'iu',
    я: 'ia',
    // Ukrainian letters as Doc 9303 table lists them
    і: 'i',
    ї: 'i',
    є: 'ie',
    ґ: 'g',
  } as Record<string, string>,
}

/** GOST 7.79-2000 system B (ISO 9:1995 with Latin letters only), Russian, with its Ukrainian letters. */
export const RU_GOST_B = {
  letters: {
    ...COMMON,
    г: 'g',
    е: 'e',
    ё: 'yo',
    и: 'i',
    й: 'j',
    х: 'x',
    щ: 'shh',
    ъ: '``',
    ы: 'y`',
    ь: '`',
    э: 'e`',
    ю: 'yu',
    я: 'ya',
    і: 'i',
    ї: 'yi',
    є: 'ye',
    ґ: 'g`',
  } as Record<string, string>,
}

/** BGN/PCGN 1947 system for Russian. */
export const RU_BGN = {
  letters: {
    ...COMMON,
    г: 'g',
    е: 'e',
    ё: 'ë',
    и: 'i',
    й: 'y',
    ъ: '”',
    ы: 'y',
    ь: '’',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    і: 'i',
    ї: 'yi',
    є: 'ye',
    ґ: 'g',
  } as Record<string, string>,
}
