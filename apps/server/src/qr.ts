/** A QR code of the LAN link, drawn in the terminal, so phones on the network can scan it. */
import qrcode from 'qrcode-terminal';

export function terminalQr(text: string): Promise<string> {
  return new Promise((resolve) => qrcode.generate(text, { small: true }, resolve));
}
