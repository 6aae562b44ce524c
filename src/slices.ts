// What a family contributes besides commands and jobs (part of the contract in src/types.ts): its
// sections of the export object and their CSV tables, and its dashboard pages.
import type { Db } from './types.js'
import type { Viewer } from './types-actions.js'

/** The export object (docs/export.md): one array per section, each section owned by one family. */
export type ExportState = Record<string, unknown[]>

/** One table of the CSV export. */
export interface CsvTable { name: string; columns: string[]; rows: Record<string, unknown>[] }

/** A family's part of the export: its sections, and the tables its sections become in a CSV. */
export interface ExportSlice {
  /** null: the section is left out of the export (the district's, for a single bot). */
  sections: Record<string, (db: Db, tz: string) => unknown[] | null>
  csv?(state: ExportState): CsvTable[]
  /**
   * The family's sections cut to the records of these rooms (the dashboard's filter by community,
   * room or account, src/dashboard/filter.ts). Absent: the family keeps no records by room.
   */
  cut?(state: ExportState, rooms: ReadonlySet<string>, db: Db): ExportState
  /** The rooms that filter chooses among, each with its community and accounts (the district family's). */
  roomIndex?(state: ExportState): RoomEntry[]
}

/** A room as the dashboard's filter knows it. */
export interface RoomEntry { room: string; community: string | null; accounts: string[] }

/** What a dashboard page is given: the request, and the export it shows (built once per request). */
export interface PageRequest {
  params: Record<string, string>
  state: ExportState
  /** Present members of every room, admins left out (for "who has not reported"); null if unknown. */
  roster: { room: string; name: string; household: string | null }[] | null
  admin: string
  now: number
  tz: string
  /** Who is looking (absent: an admin, as in tests that render a page directly). */
  viewer?: Viewer
  /** The session's CSRF token for the page's forms ('' when this viewer may not act). */
  csrf?: string
  /** Where images and files people sent are kept (LINLI_ATTACHMENT_DIR). */
  attachmentDir?: string
  /** The district filter's query (`?community=…`) for the page's own links (downloads); '' or absent: none. */
  carry?: string
}

/** A page's answer: HTML (the shell wraps it in the layout), a file download, or "no such thing". */
export type PageResult =
  | { title: string; html: string }
  | { file: { name: string; type: string; data: Buffer | string; asciiName: string } }
  | { notFound: string }

export interface DashboardPage {
  /** A fastify route, e.g. `/chains/:id`. */
  path: string
  /** The label in the navigation bar, for pages that are entry points. */
  nav?: string
  /** Shown to leaders (logins that are not admins) too; their export is cut to what they own. */
  leaders?: true
  render(req: PageRequest): PageResult | Promise<PageResult>
}
