export {
  CORRUPTIONS,
  type CorruptedRecord,
  type Corruption,
  type CorruptionRates,
  corruptPerson,
  DEFAULT_RATES,
  type ListRecord,
  recordOf,
} from './corrupt'
export { type GeneratedPerson, generatePersons, type Nationality, type PopulationOptions } from './population'
export { Random } from './random'
