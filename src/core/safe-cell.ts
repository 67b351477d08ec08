/**
 * A cell as it may be written into a CSV or XLSX file someone will open in a spreadsheet. Text
 * beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
 * LibreOffice (`=HYPERLINK(...)` sends data away when clicked): it gets a leading single quote,
 * which shows it as the text it is. Ids and names come from the other side's lists, so no cell
 * is trusted. A plain number (`-3.25`, a match weight) is a number, not a formula, and stays.
 */
export function safeCell(value: string): string {
  if (value === '' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value
  return `'${value}`
}

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/
