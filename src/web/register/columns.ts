export const ROW_HEIGHT = 36
export const COLUMNS = '70px 2.2fr 1.6fr 100px 1fr 120px 120px 1.2fr 90px'
