// Preloaded into a child process (`node --import ./tests/helpers/offline.mjs …`): a machine with no
// network. Every name but localhost fails to resolve, as without DNS (getaddrinfo ENOTFOUND), and
// every connection to an address that is not loopback is refused: the same on any machine, with or
// without internet, and nothing leaves it.
import dns from 'node:dns'
import net from 'node:net'

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/
const notFound = host => Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host })
const lookup = dns.lookup
dns.lookup = function (host, options, cb) {
  const done = typeof options === 'function' ? options : cb
  if (LOCAL.test(String(host))) return lookup.call(dns, host, options, cb)
  process.nextTick(() => done(notFound(host)))
  return {}
}
const plookup = dns.promises.lookup
dns.promises.lookup = (host, options) => LOCAL.test(String(host)) ? plookup(host, options) : Promise.reject(notFound(host))
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  const o = typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0]) ? args[0] : { host: args[1], port: args[0] }
  const host = o.path ? 'localhost' : String(o.host ?? 'localhost')
  if (!LOCAL.test(host) && net.isIP(host)) {
    process.nextTick(() => this.destroy(Object.assign(new Error(`connect ECONNREFUSED ${host}`), { code: 'ECONNREFUSED' })))
    return this
  }
  return connect.apply(this, args)
}
