/**
 * Name forms each language derives by rule: patronymics from the father's given name, feminine
 * surnames from masculine ones. Irregular fathers' names are listed; the rest follow the endings.
 */
type Language = 'uk' | 'ru'

const UK_IRREGULAR: Record<string, [string, string]> = {
  Микола: ['Миколайович', 'Миколаївна'],
  Ілля: ['Ілліч', 'Іллівна'],
  Кузьма: ['Кузьмич', 'Кузьмівна'],
  Лука: ['Лукич', 'Луківна'],
  Яків: ['Якович', 'Яківна'],
  Лев: ['Львович', 'Львівна'],
  Павло: ['Павлович', 'Павлівна'],
  Петро: ['Петрович', 'Петрівна'],
  Федір: ['Федорович', 'Федорівна'],
}
const RU_IRREGULAR: Record<string, [string, string]> = {
  Илья: ['Ильич', 'Ильинична'],
  Никита: ['Никитич', 'Никитична'],
  Кузьма: ['Кузьмич', 'Кузьминична'],
  Лука: ['Лукич', 'Лукинична'],
  Лев: ['Львович', 'Львовна'],
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Яков: ['Яковлевич', 'Яковлевна'],
}

/** The patronymic a child of `father` carries, masculine or feminine, in the father's language. */
export function patronymicOf(father: string, language: Language, sex: 'male' | 'female'): string {
  const k = sex === 'male' ? 0 : 1
  if (language === 'uk') {
    const irregular = UK_IRREGULAR[father]
    if (irregular) return irregular[k]
    if (father.endsWith('ій')) return sex === 'male' ? `${father}ович` : `${father.slice(0, -1)}ївна`
    if (father.endsWith('о')) return `${father.slice(0, -1)}${sex === 'male' ? 'ович' : 'івна'}`
    if (father.endsWith('ь')) return `${father.slice(0, -1)}${sex === 'male' ? 'ьович' : 'івна'}`
    return `${father}${sex === 'male' ? 'ович' : 'івна'}`
  }
  const irregular = RU_IRREGULAR[father]
  if (irregular) return irregular[k]
  if (/[еа]й$/.test(father)) return `${father.slice(0, -1)}${sex === 'male' ? 'евич' : 'евна'}`
  if (father.endsWith('ий')) return `${father.slice(0, -2)}${sex === 'male' ? 'ьевич' : 'ьевна'}`
  if (father.endsWith('ь')) return `${father.slice(0, -1)}${sex === 'male' ? 'евич' : 'евна'}`
  return `${father.replace('ё', 'е')}${sex === 'male' ? 'ович' : 'овна'}`
}

/** The surname a woman of the family carries. */
export function feminineSurname(surname: string, language: Language): string {
  if (language === 'uk') {
    if (/[сцз]ький$/.test(surname)) return `${surname.slice(0, -2)}а`
    if (/ий$/.test(surname)) return `${surname.slice(0, -2)}а`
    if (/(ов|ев|єв|ін|їн)$/.test(surname)) return `${surname}а`
    return surname
  }
  if (/[сцз]кий$/.test(surname)) return `${surname.slice(0, -2)}ая`
  if (/ий$/.test(surname)) return `${surname.slice(0, -2)}ая`
  if (/ой$/.test(surname)) return `${surname.slice(0, -2)}ая`
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`
  return surname
}
