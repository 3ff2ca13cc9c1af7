import { ReplyAddressing, messageIdDomain } from './reply-addressing';

const SECRET = 'a'.repeat(40);
const OLD_SECRET = 'b'.repeat(40);
const ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const OTHER = '00000000-1111-4222-8333-444444444444';

describe('ReplyAddressing', () => {
  const addressing = new ReplyAddressing([SECRET], 'wgecc.test');

  it('names the notification in its Message-ID and reads it back', () => {
    const messageId = addressing.messageIdFor(ID);
    expect(messageId).toMatch(new RegExp(`^<n\\.${ID}\\.[0-9a-f]{8}@wgecc\\.test>$`));
    expect(addressing.messageIdFor(ID)).toBe(messageId);
    expect(addressing.notificationOfMessageId(messageId)).toBe(ID);
    expect(addressing.notificationOfMessageId(messageId.slice(1, -1))).toBe(ID);
  });

  it('refuses a forged or altered signature, another id under a copied signature, and strangers', () => {
    const messageId = addressing.messageIdFor(ID);
    const signature = /\.([0-9a-f]{8})@/.exec(messageId)![1];
    expect(addressing.notificationOfMessageId(`<n.${OTHER}.${signature}@wgecc.test>`)).toBeNull();
    expect(addressing.notificationOfMessageId(`<n.${ID}.00000000@wgecc.test>`)).toBeNull();
    expect(addressing.notificationOfMessageId(`<${ID}@wgecc.test>`)).toBeNull();
    expect(addressing.notificationOfMessageId('<CAF=abc123@mail.gmail.com>')).toBeNull();
    expect(addressing.notificationOfMessageId('')).toBeNull();
    expect(new ReplyAddressing([OLD_SECRET], 'wgecc.test').notificationOfMessageId(messageId)).toBeNull();
  });

  it('still reads what the previous secret signed, and signs with the new one', () => {
    const before = new ReplyAddressing([OLD_SECRET], 'wgecc.test').messageIdFor(ID);
    const rotated = new ReplyAddressing([SECRET, OLD_SECRET], 'wgecc.test');
    expect(rotated.notificationOfMessageId(before)).toBe(ID);
    expect(rotated.messageIdFor(ID)).toBe(addressing.messageIdFor(ID));
  });

  it('puts a plus-tag on the reply address and reads it back, whatever case the server folded it to', () => {
    const address = addressing.replyAddressFor('replies@wgecc.test', ID);
    expect(address).toMatch(new RegExp(`^replies\\+n\\.${ID}\\.[0-9a-f]{8}@wgecc\\.test$`));
    expect(addressing.notificationOfAddress(address)).toBe(ID);
    expect(addressing.notificationOfAddress(address.toUpperCase().replace('@WGECC.TEST', '@wgecc.test'))).toBe(ID);
    expect(addressing.replyAddressFor('replies+old@wgecc.test', ID)).toBe(address);
    expect(addressing.notificationOfAddress('replies@wgecc.test')).toBeNull();
    expect(addressing.notificationOfAddress(`replies+n.${OTHER}.12345678@wgecc.test`)).toBeNull();
  });

  it('finds the notification a reply answers: In-Reply-To, else the newest of ours in References, else the plus-tag', () => {
    const ours = addressing.messageIdFor(ID);
    const older = addressing.messageIdFor(OTHER);
    expect(addressing.notificationOfReply({ inReplyTo: ours })).toBe(ID);
    expect(
      addressing.notificationOfReply({
        inReplyTo: '<reply-of-a-colleague@example.org>',
        references: [older, ours, '<reply-of-a-colleague@example.org>'],
      }),
    ).toBe(ID);
    expect(addressing.notificationOfReply({ references: [`${older} ${ours}`] })).toBe(ID);
    expect(
      addressing.notificationOfReply({
        inReplyTo: '<x@y>',
        to: [addressing.replyAddressFor('replies@wgecc.test', ID)],
      }),
    ).toBe(ID);
    expect(addressing.notificationOfReply({ inReplyTo: '<x@y>', references: ['<z@y>'], to: ['a@b'] })).toBeNull();
    expect(addressing.notificationOfReply({})).toBeNull();
  });

  it('takes the Message-ID domain from MAIL_FROM, else from the app address', () => {
    expect(messageIdDomain({ mailFrom: 'WGECC <secretariat@wgecc.org>', appUrl: 'https://x.test' })).toBe('wgecc.org');
    expect(messageIdDomain({ mailFrom: 'nobody', appUrl: 'https://app.wgecc.test:8443' })).toBe('app.wgecc.test');
  });
});
