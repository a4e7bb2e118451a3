import { describe, expect, it } from 'vitest';
import { forbiddenAddress, guardedLookup, webhookUrlProblem } from '../../src/infra/webhooks/url-policy';

describe('forbiddenAddress', () => {
  it.each([
    ['127.0.0.1', /loopback/], ['127.255.0.9', /loopback/], ['10.0.0.1', /private/], ['172.16.0.1', /private/], ['172.31.255.255', /private/],
    ['192.168.0.1', /private/], ['169.254.169.254', /link-local/], ['100.64.0.1', /carrier-grade/], ['100.127.255.254', /carrier-grade/],
    ['0.0.0.0', /this network/], ['224.0.0.1', /multicast/], ['255.255.255.255', /reserved/],
    ['::1', /loopback/], ['::', /unspecified/], ['fd00::1', /unique-local/], ['fc12:3456::1', /unique-local/], ['fe80::1', /link-local/],
    ['::ffff:127.0.0.1', /loopback/], ['::ffff:7f00:1', /loopback/], ['::ffff:10.1.2.3', /private/], ['64:ff9b::a9fe:a9fe', /link-local/],
    ['2002:c0a8:0101::1', /private/], ['fd00:ec2::254', /unique-local/],
  ])('refuses %s', (address, why) => {
    expect(forbiddenAddress(address)).toMatch(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])(
    'accepts the public address %s', (address) => {
      expect(forbiddenAddress(address)).toBeNull();
    });
});

describe('webhookUrlProblem', () => {
  it('wants an absolute http(s) URL without credentials', () => {
    expect(webhookUrlProblem('https://hooks.example.com/chotei', false)).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com:8080/x', false)).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com/', false)).toMatch(/https/);
    expect(webhookUrlProblem('hooks.example.com/x', false)).toMatch(/absolute/);
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/', false)).toMatch(/user name or password/);
    expect(webhookUrlProblem(`https://example.com/${'a'.repeat(2000)}`, false)).toMatch(/2000/);
  });

  it('refuses internal targets outside development, written in any form', () => {
    for (const url of ['http://127.0.0.1/', 'http://10.0.0.1/', 'http://[::1]:80/', 'http://0x7f.0.0.1/', 'http://2130706433/', 'http://017700000001/',
      'http://localhost/', 'http://LOCALHOST./', 'http://api.localhost/', 'http://metadata.google.internal/', 'http://metadata/', 'http://router.local/']) {
      expect({ url, problem: webhookUrlProblem(url, false) }).toEqual({ url, problem: expect.stringMatching(/must not point/) });
    }
  });

  it('allows them in development', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4010/hook', true)).toBeNull();
    expect(webhookUrlProblem('ftp://127.0.0.1/', true)).toMatch(/https/);
  });
});

describe('guardedLookup', () => {
  const lookup = (host: string, allowPrivate: boolean, all = false) => new Promise<{ err: any; address: unknown }>((resolve) => {
    guardedLookup(allowPrivate)(host, { all }, (err, address) => resolve({ err, address }));
  });

  it('refuses a name that resolves to a loopback address, after DNS', async () => {
    const { err } = await lookup('localhost', false);
    expect(err?.code).toBe('EFORBIDDENADDRESS');
    expect(err?.message).toMatch(/localhost resolves to .* loopback/);
  });

  it('hands back the checked addresses when allowed', async () => {
    const one = await lookup('localhost', true);
    expect(one.err).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(one.address);
    const all = await lookup('localhost', true, true);
    expect(Array.isArray(all.address)).toBe(true);
  });
});
