// The login QR code, drawn in the terminal for the operator to scan with WeChat.
import qrcodeTerminal from 'qrcode-terminal'

export function qrText(qrcode: string): Promise<string> {
  return new Promise(resolve => qrcodeTerminal.generate(qrcode, { small: true }, resolve))
}
