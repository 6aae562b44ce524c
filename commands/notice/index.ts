// 通知: admins broadcast numbered notices (to this room, 全部, or named rooms), residents answer
// 收到 / 1 / a quote, admins see who has not answered (`通知 #5`) and nudge only them (`提醒 #5`);
// 重要通知 repeats itself, 定时通知 and 提醒 run on the scheduler. Notices and answers in people's own
// words are understood (understand.ts); an admin's picture or PDF right after her notice goes with
// it (files.ts). Ordinary chat is left alone.
import type { Family } from '../../src/types.js'
import { exportNotices } from './store.js'
import { post } from './post.js'
import { ack } from './ack.js'
import { status, remind, cancel } from './status.js'
import { later } from './later.js'
import { addReminder, listReminders, deleteReminder } from './reminders.js'
import { publishJob, repeatJob, finalJob, reminderJob } from './jobs.js'
import { cutNotices, noticeCsvTables } from './page-model.js'
import { noticePages } from './pages.js'
import { understandNotice } from './understand.js'
import { adopt } from './adopt.js'
import { noticeActions } from './actions.js'
import { attachToNotice, noticeFile } from './files.js'
import { exportNotice, noticeExportFile } from './export.js'

export const notice: Family = {
  id: 'notice',
  name: '通知',
  aliases: ['通知', '公告', '提醒', '定时通知', '重要通知'],
  // no two parses accept the same text (post and addReminder leave `#5` to status and remind),
  // so the order is the order of 帮助; adopt is reached only by understanding
  commands: [post, ack, status, remind, later, addReminder, listReminders, deleteReminder, cancel, exportNotice, adopt, attachToNotice],
  jobs: [publishJob, repeatJob, finalJob, reminderJob],
  files: [noticeFile, noticeExportFile],
  export: { sections: { notices: exportNotices }, csv: noticeCsvTables, cut: cutNotices },
  pages: noticePages,
  actions: noticeActions,
  understand: understandNotice,
}
