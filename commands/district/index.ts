// 区域: several bot accounts on one database (a district, docs/scaling.md). Admins name each group's
// community (`本群小区 阳光花园`); the `district` export section and the 区域 page show the accounts,
// the rooms by community with the account serving each, and the rooms no account serves; the
// dashboard's filter (?community=&room=&account=) picks rooms by this family's room index.
import type { Family } from '../../src/types.js'
import { communityCommand } from './community.js'
import { exportDistrict } from './section.js'
import { cutDistrict, districtCsvTables, districtRooms } from './page-model.js'
import { districtPages } from './page.js'

export const district: Family = {
  id: 'district',
  name: '区域',
  aliases: ['小区', '多账号'],
  commands: [communityCommand],
  export: { sections: { district: exportDistrict }, csv: districtCsvTables, cut: cutDistrict, roomIndex: districtRooms },
  pages: districtPages,
}
