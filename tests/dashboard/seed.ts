// What the browser tests look at. Until the engine can seed a database from a transcript, the
// dashboard is fed the docs/export.md fixture through its test seam (opts.exportState).
import type { Config } from '../../src/config.js'
import type { SimClock } from '../../src/time.js'
import type { Db, ExportState } from '../../src/types.js'
import { TODAY, clock, config, dashboardDb, fixtureExport } from './helpers.js'

export interface Seeded {
  db: Db
  config: Config
  clock: SimClock
  /** undefined: the server builds the export from db itself. */
  exportState?: ExportState
  chainId: number
  chainTitle: string
  grandTotal: string
  xlsxOrderRows: unknown[][]
  checkinRoom: string
  today: string
  todayReports: number
  todayAbnormal: number
  close(): void
}

export async function seedDashboard(): Promise<Seeded> {
  const db = dashboardDb()
  return {
    db, config: config(), clock: clock(), exportState: fixtureExport(),
    chainId: 3, chainTitle: '周六蔬菜团购', grandTotal: '¥65',
    xlsxOrderRows: [
      ['3-1-101', '赵六', null, null, null, 0, '否'],
      ['3-2-501', '李四', 2, 3, null, 19, '是'],
      ['3-2-502', '王五', 2, null, null, 10, '否'],
      ['', "'@小刘", 3, 2, 1, 36, '否'],
      ['合计', '4人', 7, 5, 1, 65, '1已取'],
    ],
    checkinRoom: '3栋业主群', today: TODAY, todayReports: 3, todayAbnormal: 1,
    close: () => db.close(),
  }
}
