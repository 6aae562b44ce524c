// Is this sender the person recorded earlier? Within one login the contact id decides; after a
// re-login (ids change) the group nickname and the WeChat name must both still match.
import type { Member } from './types.js'

interface Recorded { name: string; wx?: string | null; sig?: string | null }

const epochOf = (sig: string) => sig.slice(0, sig.indexOf(':'))

export function samePerson(member: Member | null, rec: Recorded): boolean {
  if (!member) return false
  if (rec.sig && member.sig && epochOf(rec.sig) === epochOf(member.sig)) return rec.sig === member.sig
  return member.name === rec.name && (!rec.wx || member.wxName === rec.wx)
}
