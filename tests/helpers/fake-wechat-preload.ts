// Preloaded into `npm start`'s process by tests/online-start.test.ts (`node --import tsx --import
// ./tests/helpers/fake-wechat-preload.ts src/main.ts`): web WeChat answered in-process by the fake
// (src/replay/web-wechat), which scans and confirms the QR code at once; no socket leaves.
import { FakeWebWeChat } from '../../src/replay/web-wechat/server.js'

const fake = new FakeWebWeChat({ autoLogin: true, holdMs: 100 })
const li = fake.model.person('李四')
fake.model.room('3栋业主群', [li])
fake.start()
